export const PLUGIN_ID = 'outreach';
