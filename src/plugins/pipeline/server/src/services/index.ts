import actions from './actions';
import bulk from './bulk';
import history from './history';
import parts from './parts';
import records from './records';
import transitions from './transitions';
import workflows from './workflows';

export default { actions, bulk, history, parts, records, transitions, workflows };
