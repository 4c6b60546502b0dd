import badges from './badges';
import documents from './documents';
import sending from './sending';
import templates from './templates';
import verify from './verify';

export default { badges, documents, sending, templates, verify };
