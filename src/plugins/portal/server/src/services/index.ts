import access from './access';
import accounts from './accounts';
import passwords from './passwords';
import scope from './scope';
import throttle from './throttle';

export default { access, accounts, passwords, scope, throttle };
