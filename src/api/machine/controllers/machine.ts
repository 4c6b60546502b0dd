import { scopedController } from '../../../shared/server/scoped-controller';

// Staff API tokens: the core controller. Portal accounts: their structure's records only.
export default scopedController('api::machine.machine');
