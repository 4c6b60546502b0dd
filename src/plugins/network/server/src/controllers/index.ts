import transfers from './transfers';

export default { transfers };
