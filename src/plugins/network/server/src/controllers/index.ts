import sharedSettings from './shared-settings';
import transfers from './transfers';

export default { settings: sharedSettings, transfers };
