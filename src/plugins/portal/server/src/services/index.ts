import access from './access';
import accounts from './accounts';
import passwords from './passwords';
import throttle from './throttle';

export default { access, accounts, passwords, throttle };
