import { Calendar, HandHeart } from '@strapi/icons';
import { ConventionPanel } from './components/ConventionPanel';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { pluginTranslations } from '../../../../shared/admin-translations';

export default {
  register(app: {
    addMenuLink: (link: unknown) => void;
    registerPlugin: (plugin: unknown) => void;
    getPlugin: (id: string) => { apis: Record<string, unknown> } | undefined;
    widgets: { register: (widgets: unknown[]) => void };
  }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: HandHeart,
      intlLabel: { id: getTranslation('menu'), defaultMessage: 'Relations' },
      Component: () => import('./pages/App'),
      permissions: [{ action: 'plugin::relations.read', subject: null }],
      position: 3,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Relations donateurs' });
    // Coordinators' home page: what is due with donors and prescribers.
    app.widgets.register([
      {
        id: 'follow-up',
        pluginId: PLUGIN_ID,
        icon: Calendar,
        title: { id: getTranslation('home.followUp.title'), defaultMessage: 'À suivre' },
        component: async () => (await import('./widgets/FollowUpWidget')).FollowUpWidget,
        permissions: [{ action: 'plugin::relations.donors.manage' }],
        link: { label: { id: getTranslation('home.followUp.link'), defaultMessage: 'Tableau des relations' }, href: `/plugins/${PLUGIN_ID}` },
      },
    ]);
    const contentManager = app.getPlugin('content-manager')?.apis as { addEditViewSidePanel?: (panels: unknown[]) => void } | undefined;
    contentManager?.addEditViewSidePanel?.([ConventionPanel]);
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
