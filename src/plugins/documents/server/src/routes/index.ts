import admin from './admin';
import contentApi from './content-api';
import publicRoutes from './public';

export default { admin, 'content-api': contentApi, public: publicRoutes };
