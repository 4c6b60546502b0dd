import { Mail } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { pluginTranslations } from '../../../../shared/admin-translations';

export default {
  register(app: { addMenuLink: (link: unknown) => void; registerPlugin: (plugin: unknown) => void }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Mail,
      intlLabel: { id: getTranslation('menu'), defaultMessage: 'Campagnes' },
      Component: () => import('./pages/App'),
      permissions: [{ action: 'plugin::outreach.read', subject: null }],
      position: 6,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Campagnes' });
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
