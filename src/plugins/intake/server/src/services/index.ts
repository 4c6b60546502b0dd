import intake from './intake';
import jobs from './jobs';
import mappings from './mappings';

export default { intake, jobs, mappings };
