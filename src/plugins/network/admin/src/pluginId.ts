export const PLUGIN_ID = 'network';
