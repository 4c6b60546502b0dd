import documents from './documents';
import templates from './templates';
import verify from './verify';

export default { documents, templates, verify };
