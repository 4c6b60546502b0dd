import accounts from './accounts';
import invitations from './invitations';
import pagesApi from './pages-api';
import pages from '../pages';

export default { accounts, invitations, ...pagesApi, pages };
