import readiness from './readiness';

export default { readiness };
