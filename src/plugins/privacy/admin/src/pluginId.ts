export const PLUGIN_ID = 'privacy';
