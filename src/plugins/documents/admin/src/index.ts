import { DocumentsPanel } from './components/DocumentsPanel';
import { PLUGIN_ID } from './pluginId';

interface ContentManagerApis {
  addEditViewSidePanel?: (panels: unknown[]) => void;
}

interface AdminApp {
  registerPlugin(plugin: { id: string; name: string }): void;
  getPlugin(id: string): { apis: ContentManagerApis };
}

type Translations = Record<string, string>;

const prefixed = (data: Translations): Translations =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: AdminApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Documents' });
  },

  bootstrap(app: AdminApp) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel?.([DocumentsPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Translations };
          return { data: prefixed(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
