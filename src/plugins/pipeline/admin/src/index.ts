import { ArrowRight } from '@strapi/icons';
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
  }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ArrowRight,
      intlLabel: { id: getTranslation('menu'), defaultMessage: 'Chaîne' },
      Component: () => import('./pages/App'),
      permissions: [{ action: 'plugin::pipeline.board.read', subject: null }],
      position: 2,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Chaîne de reconditionnement' });
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
