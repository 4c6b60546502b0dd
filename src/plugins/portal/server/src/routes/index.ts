import admin from './admin';
import contentApi from './content-api';
import { pagesApi, pagesWeb } from './pages';

export default { admin, 'content-api': contentApi, 'pages-api': pagesApi, pages: pagesWeb };
