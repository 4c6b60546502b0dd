import batches from './batches';
import context from './context';
import documents from './documents';
import erasures from './erasures';
import identity from './identity';
import mailer from './mailer';
import recipients from './recipients';
import renderer from './renderer';
import templates from './templates';

export default { batches, context, documents, erasures, identity, mailer, recipients, renderer, templates };
