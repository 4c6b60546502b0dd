import { FilePdf } from '@strapi/icons';
import { DocumentsPanel } from './components/DocumentsPanel';
import { PLUGIN_ID } from './pluginId';

interface ContentManagerApis {
  addEditViewSidePanel?: (panels: unknown[]) => void;
}

interface AdminApp {
  registerPlugin(plugin: { id: string; name: string }): void;
  addMenuLink(link: {
    to: string;
    icon: React.ElementType;
    intlLabel: { id: string; defaultMessage: string };
    permissions: Array<{ action: string; subject: null }>;
    Component: () => Promise<{ default: React.ComponentType }>;
  }): void;
  getPlugin(id: string): { apis: ContentManagerApis };
}

type Translations = Record<string, string>;

const prefixed = (data: Translations): Translations =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: AdminApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Documents' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: FilePdf,
      intlLabel: { id: `${PLUGIN_ID}.menu`, defaultMessage: 'Modèles de documents' },
      permissions: [{ action: 'plugin::documents.templates.manage', subject: null }],
      Component: () => import('./pages/TemplatesPage'),
    });
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
