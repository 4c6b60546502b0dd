import intake from './intake';
import jobs from './jobs';

export default { intake, jobs };
