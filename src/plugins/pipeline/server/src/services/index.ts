import actions from './actions';
import bulk from './bulk';
import devices from './devices';
import erasureStatus from './erasure-status';
import history from './history';
import parts from './parts';
import records from './records';
import transitions from './transitions';
import workflows from './workflows';

export default { actions, bulk, devices, 'erasure-status': erasureStatus, history, parts, records, transitions, workflows };
