export const PLUGIN_ID = 'documents';
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
