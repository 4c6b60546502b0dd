export const PLUGIN_ID = 'intake';
