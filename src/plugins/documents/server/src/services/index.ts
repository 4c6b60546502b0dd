import context from './context';
import documents from './documents';
import erasures from './erasures';
import identity from './identity';
import renderer from './renderer';
import templates from './templates';

export default { context, documents, erasures, identity, renderer, templates };
