import { ArrowRight } from '@strapi/icons';
import { BulkMoveAction } from './components/BulkMoveAction';
import { MatchesPanel } from './components/MatchesPanel';
import { TimelinePanel } from './components/TimelinePanel';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

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
    contentManager.addEditViewSidePanel?.([MatchesPanel, TimelinePanel]);
    contentManager.addBulkAction?.([BulkMoveAction]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          const prefixed = Object.fromEntries(Object.entries(data as Record<string, string>).map(([k, v]) => [getTranslation(k), v]));
          return { data: prefixed, locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
