import type { Core } from '@strapi/strapi';
import { canChangeNetworkSettings, CONDITION_ID, MAIN_WORKSHOP_CONDITION_ID, WORKSHOP_PATH, workshopIdsOfAdmin } from '../shared/server/workshops';

interface ConditionProvider {
  has(id: string): boolean;
  register(condition: { displayName: string; name: string; handler: (user: { id: number; permission?: { subject?: string | null } }) => Promise<unknown> }): unknown;
}

/**
 * « Fiches de mes ateliers »: the admin permission condition the staff roles carry on every type
 * that belongs to a workshop (docs/network.md). Strapi's content manager applies it itself (lists,
 * one record, update, delete, bulk actions, relation pickers), from the query below. The
 * permission's subject tells the path from the type to its workshop. The result is part of the
 * user's cached ability: a change of membership bumps the permissions version
 * (database/migrations/2026.12.03T12.00.00.workshop-members-version.js).
 */
export function registerWorkshopCondition(strapi: Core.Strapi): void {
  const provider = (strapi.service('admin::permission') as unknown as { conditionProvider: ConditionProvider }).conditionProvider;
  if (!provider.has(MAIN_WORKSHOP_CONDITION_ID)) {
    // The network's shared settings (the public site's pages and settings) are written from the
    // main workshop: on Strapi's own screens, another workshop's coordinators then get them
    // read-only, with no « Enregistrer » (the Document Service rule refuses the write anyway).
    provider.register({
      displayName: 'Atelier principal du réseau',
      name: MAIN_WORKSHOP_CONDITION_ID.replace(/^api::/, ''),
      async handler(user) {
        return canChangeNetworkSettings(strapi, { all: false, ids: await workshopIdsOfAdmin(strapi, user.id) });
      },
    });
  }
  if (provider.has(CONDITION_ID)) return;
  provider.register({
    displayName: 'Fiches de mes ateliers',
    name: CONDITION_ID.replace(/^api::/, ''),
    async handler(user) {
      const path = WORKSHOP_PATH[user.permission?.subject ?? ''];
      if (path === undefined) return true;
      const ids = await workshopIdsOfAdmin(strapi, user.id);
      return path === '' ? { id: { $in: ids } } : { [`${path}.id`]: { $in: ids } };
    },
  });
}
