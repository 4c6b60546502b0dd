import page from './page/schema';
import settings from './settings/schema';

export default { page: { schema: page }, settings: { schema: settings } };
