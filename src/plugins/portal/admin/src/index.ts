import type { StrapiApp } from '@strapi/strapi/admin';
import { PortalAccountsPanel } from './components/PortalAccountsPanel';
import { PLUGIN_ID } from './pluginId';
import { pluginTranslations } from '../../../../shared/admin-translations';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    const contentManager = app.getPlugin('content-manager')?.apis as { addEditViewSidePanel?: (panels: unknown[]) => void } | undefined;
    contentManager?.addEditViewSidePanel?.([PortalAccountsPanel]);
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
