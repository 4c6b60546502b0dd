import { FilePdf } from '@strapi/icons';
import { BadgePanel } from './components/BadgePanel';
import { DocumentsPanel } from './components/DocumentsPanel';
import { PLUGIN_ID } from './pluginId';
import { pluginTranslations } from '../../../../shared/admin-translations';

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
    app.getPlugin('content-manager').apis.addEditViewSidePanel?.([DocumentsPanel, BadgePanel]);
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
