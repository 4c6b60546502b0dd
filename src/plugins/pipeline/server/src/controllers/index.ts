import home from './home';
import presences from './presences';
import records from './records';
import station from './station';
import team from './team';
import workflows from './workflows';

export default { home, presences, records, station, team, workflows };
