import home from './home';
import records from './records';
import team from './team';
import workflows from './workflows';

export default { home, records, team, workflows };
