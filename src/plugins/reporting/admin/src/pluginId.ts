export const PLUGIN_ID = 'reporting';
