import type { StrapiApp } from '@strapi/strapi/admin';
import { PortalAccountsPanel } from './components/PortalAccountsPanel';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    const contentManager = app.getPlugin('content-manager')?.apis as { addEditViewSidePanel?: (panels: unknown[]) => void } | undefined;
    contentManager?.addEditViewSidePanel?.([PortalAccountsPanel]);
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
