import type { StrapiApp } from '@strapi/strapi/admin';
import { FileCsv } from '@strapi/icons';
import { DonationImportPanel } from './components/DonationImportPanel';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { pluginTranslations } from '../../../../shared/admin-translations';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: FileCsv,
      intlLabel: { id: getTranslation('menu.title'), defaultMessage: "Import d'un parc" },
      permissions: [{ action: 'plugin::intake.import', subject: null }],
      Component: () => import('./pages/ImportPage'),
    });
    const contentManager = app.getPlugin('content-manager')?.apis as { addEditViewSidePanel?: (panels: unknown[]) => void } | undefined;
    contentManager?.addEditViewSidePanel?.([DonationImportPanel]);
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
