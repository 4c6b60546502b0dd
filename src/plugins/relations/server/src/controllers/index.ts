import relations from './relations';

export default { relations };
