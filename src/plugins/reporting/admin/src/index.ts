import { ChartPie } from '@strapi/icons';
import { pluginTranslations } from '../../../../shared/admin-translations';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

export default {
  register(app: { addMenuLink: (link: unknown) => void; registerPlugin: (plugin: unknown) => void; widgets?: { register: (widget: unknown) => void } }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ChartPie,
      intlLabel: { id: getTranslation('menu'), defaultMessage: 'Bilans' },
      Component: () => import('./pages/App'),
      permissions: [{ action: 'plugin::reporting.read', subject: null }],
      position: 3,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Bilans' });
    // A homepage widget (Strapi 5 homepage): the line at a glance for whoever may read the figures.
    app.widgets?.register({
      id: 'stages',
      pluginId: PLUGIN_ID,
      icon: ChartPie,
      title: { id: getTranslation('widget.title'), defaultMessage: 'Unités par étape' },
      link: { label: { id: getTranslation('widget.link'), defaultMessage: 'Ouvrir les bilans' }, href: `/plugins/${PLUGIN_ID}` },
      component: async () => (await import('./components/StagesWidget')).StagesWidget,
      permissions: [{ action: 'plugin::reporting.read' }],
    });
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
