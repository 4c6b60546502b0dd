import { now, setClock } from '../clock';

/** The plugin's clock, reachable by tests through `strapi.plugin('reporting').service('clock')`. */
export default () => ({ now, set: setClock });
