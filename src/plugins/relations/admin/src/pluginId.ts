export const PLUGIN_ID = 'relations';
