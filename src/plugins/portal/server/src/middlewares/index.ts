import authThrottle from './auth-throttle';

export default { 'auth-throttle': authThrottle };
