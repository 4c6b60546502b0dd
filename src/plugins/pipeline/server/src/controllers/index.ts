import home from './home';
import presences from './presences';
import records from './records';
import workflows from './workflows';

export default { home, presences, records, workflows };
