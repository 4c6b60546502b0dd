import records from './records';
import workflows from './workflows';

export default { records, workflows };
