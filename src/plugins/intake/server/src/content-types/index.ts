import importJob from './import-job';
import savedMapping from './saved-mapping';

export default {
  'import-job': importJob,
  'saved-mapping': savedMapping,
};
