import access from './access';
import accounts from './accounts';
import filing from './filing';
import pages from './pages';
import passwords from './passwords';
import scope from './scope';
import throttle from './throttle';

export default { access, accounts, filing, pages, passwords, scope, throttle };
