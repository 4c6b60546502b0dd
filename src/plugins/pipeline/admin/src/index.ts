import { ArrowRight, Clock, House, User } from '@strapi/icons';
import { BulkMoveAction } from './components/BulkMoveAction';
import { MatchesPanel } from './components/MatchesPanel';
import { stageColumn, stageFilter } from './components/StageColumn';
import { StoragePanel } from './components/StoragePanel';
import { TimelinePanel } from './components/TimelinePanel';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { pluginTranslations } from '../../../../shared/admin-translations';

export default {
  register(app: {
    addMenuLink: (link: unknown) => void;
    registerPlugin: (plugin: unknown) => void;
    getPlugin: (id: string) => { apis: Record<string, unknown> };
    widgets: { register: (widgets: unknown[]) => void };
  }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ArrowRight,
      intlLabel: { id: getTranslation('menu'), defaultMessage: 'Chaîne' },
      Component: () => import('./pages/App'),
      permissions: [{ action: 'plugin::pipeline.board.read', subject: null }],
      position: 2,
    });
    // The team (docs/volunteers.md): its own menu entry, for the coordination.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-team`,
      icon: User,
      intlLabel: { id: getTranslation('team.menu'), defaultMessage: 'Bénévoles' },
      Component: () => import('./pages/TeamPage'),
      permissions: [{ action: 'plugin::pipeline.team.read', subject: null }],
      position: 4,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Chaîne de reconditionnement' });
    // The home page, by role: the station and the day for whoever records at the bench, the
    // prescriptions waiting for coordinators (the reporting plugin's widget shows the line and the stock).
    const widget = (id: string, title: string, icon: unknown, name: 'PrescriptionsWidget' | 'DayWidget', action: string, link?: { label: string; href: string }) => ({
      id,
      pluginId: PLUGIN_ID,
      icon,
      title: { id: getTranslation(`home.${id}.title`), defaultMessage: title },
      component: async () => (await import('./widgets/HomeWidgets'))[name],
      permissions: [{ action: `plugin::pipeline.${action}` }],
      ...(link ? { link: { label: { id: getTranslation(`home.${id}.link`), defaultMessage: link.label }, href: link.href } } : {}),
    });
    app.widgets.register([
      widget('day', 'Ma journée au poste', Clock, 'DayWidget', 'records.create'),
      widget('prescriptions', 'Prescriptions à traiter', House, 'PrescriptionsWidget', 'prescriptions.read', {
        label: 'Toutes les prescriptions',
        href: '/content-manager/collection-types/api::prescription.prescription',
      }),
    ]);
    const contentManager = app.getPlugin('content-manager').apis as {
      addEditViewSidePanel?: (panels: unknown[]) => void;
      addBulkAction?: (actions: unknown[]) => void;
    };
    contentManager.addEditViewSidePanel?.([MatchesPanel, StoragePanel, TimelinePanel]);
    contentManager.addBulkAction?.([BulkMoveAction]);
  },

  bootstrap(app: { registerHook: (name: string, fn: (args: never) => unknown) => void }) {
    // Machines' and prescriptions' lists: the stage by name, on its colour; filtered by name.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', stageColumn);
    app.registerHook('Admin/CM/pages/ListView/inject-in-filters', stageFilter);
  },

  registerTrads: pluginTranslations(PLUGIN_ID, (locale) => import(`./translations/${locale}.json`)),
};
