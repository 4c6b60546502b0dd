import accounts from './accounts';
import invitations from './invitations';

export default { accounts, invitations };
