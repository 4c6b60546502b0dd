import access from './access';
import batches from './batches';
import context from './context';
import documents from './documents';
import erasures from './erasures';
import identity from './identity';
import mailer from './mailer';
import recipients from './recipients';
import renderer from './renderer';
import storage from './storage';
import templates from './templates';

export default { access, batches, context, documents, erasures, identity, mailer, recipients, renderer, storage, templates };
