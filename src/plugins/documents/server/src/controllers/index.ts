import documents from './documents';
import sending from './sending';
import templates from './templates';
import verify from './verify';

export default { documents, sending, templates, verify };
