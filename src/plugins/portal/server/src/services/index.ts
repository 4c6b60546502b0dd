import access from './access';
import accounts from './accounts';
import throttle from './throttle';

export default { access, accounts, throttle };
