import home from './home';
import records from './records';
import station from './station';
import workflows from './workflows';

export default { home, records, station, workflows };
