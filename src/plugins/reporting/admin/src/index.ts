import { ChartPie } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

export default {
  register(app: { addMenuLink: (link: unknown) => void; registerPlugin: (plugin: unknown) => void }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ChartPie,
      intlLabel: { id: getTranslation('menu'), defaultMessage: 'Bilans' },
      Component: () => import('./pages/App'),
      permissions: [{ action: 'plugin::reporting.read', subject: null }],
      position: 3,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Bilans' });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [getTranslation(k), v])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
