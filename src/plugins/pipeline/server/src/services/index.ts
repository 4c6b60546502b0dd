import actions from './actions';
import history from './history';
import parts from './parts';
import records from './records';
import transitions from './transitions';
import workflows from './workflows';

export default { actions, history, parts, records, transitions, workflows };
