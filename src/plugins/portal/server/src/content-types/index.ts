import authAttempt from './auth-attempt';
import invitation from './invitation';

export default { invitation, 'auth-attempt': authAttempt };
