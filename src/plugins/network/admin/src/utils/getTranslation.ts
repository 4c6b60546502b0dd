import { PLUGIN_ID } from '../pluginId';

/** Prefixes a translation key with the plugin's id, as the admin's i18n expects. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
