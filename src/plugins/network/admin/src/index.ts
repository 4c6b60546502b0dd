import { Earth } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { pluginTranslations } from '../../../../shared/admin-translations';

export default {
  register(app: { addMenuLink: (link: unknown) => void; registerPlugin: (plugin: unknown) => void }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Earth,
      intlLabel: { id: getTranslation('menu'), defaultMessage: 'Réseau' },
      Component: () => import('./pages/App'),
      permissions: [{ action: 'plugin::network.transfers.read', subject: null }],
      position: 6,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Réseau' });
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
