export const PLUGIN_ID = 'pipeline';
