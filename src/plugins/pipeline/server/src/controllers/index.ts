import home from './home';
import records from './records';
import workflows from './workflows';

export default { home, records, workflows };
