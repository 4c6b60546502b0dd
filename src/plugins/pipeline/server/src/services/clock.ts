import { clockService } from '../../../../../shared/server/clock';

/** The app's one clock (src/shared/server/clock.ts), reachable by tests through this plugin. */
export default clockService;
