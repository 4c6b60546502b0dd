import type { Core } from '@strapi/strapi';
import { OWN_WORKSHOP_TYPES } from '../shared/server/workshops';
import { defaultWorkshopId } from '../shared/server/default-workshop';

interface LinkMeta {
  joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
}

interface CreateEvent {
  model: { uid: string };
  params: { data?: Record<string, unknown> | Array<Record<string, unknown>> };
  result?: { ids?: Array<number | string> };
}

const missing = (value: unknown) => value === undefined || value === null;

/** A workshop given as an id (or `{ id }`), as the Query Engine accepts it on a single create. */
const idOf = (value: unknown): number | null => {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number') return (value as { id: number }).id;
  return null;
};

/**
 * Every record of a type that belongs to a workshop has one, whatever wrote it (docs/network.md).
 * The Document Service rule gives a new record its author's workshop; this is the net under every
 * other writer — a seed, a plugin service or a job calling the Query Engine without one:
 * - `create` without a workshop gets the default workshop (the one unattached staff work for);
 * - `createMany` writes no relation at all (Strapi inserts the rows only): after it, each new row is
 *   linked to the workshop its data named, else the default one, in the caller's transaction.
 * A record without a workshop would be invisible to every scoped role and stripped of its fields
 * under another record (the workshop condition tests `workshop.id`).
 */
export function registerWorkshopOwner(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe({
    models: [...OWN_WORKSHOP_TYPES],
    async beforeCreate(event: CreateEvent) {
      const data = event.params.data;
      if (!data || Array.isArray(data) || !missing(data.workshop)) return;
      const id = await defaultWorkshopId(strapi);
      if (id != null) data.workshop = id;
    },
    async afterCreateMany(event: CreateEvent) {
      const rows = Array.isArray(event.params.data) ? event.params.data : [];
      const ids = (event.result?.ids ?? []).map(Number);
      if (ids.length === 0) return;
      const fallback = await defaultWorkshopId(strapi);
      const { joinTable } = (strapi.db.metadata.get(event.model.uid).attributes as unknown as { workshop: LinkMeta }).workshop;
      const links = ids
        .map((id, k) => ({ id, workshop: idOf(rows[k]?.workshop) ?? fallback }))
        .filter((l): l is { id: number; workshop: number } => l.workshop != null);
      if (links.length === 0) return;
      await strapi.db.transaction(async ({ trx }) => {
        for (let i = 0; i < links.length; i += 500) {
          await trx(joinTable.name).insert(links.slice(i, i + 500).map((l) => ({ [joinTable.joinColumn.name]: l.id, [joinTable.inverseJoinColumn.name]: l.workshop })));
        }
      });
    },
  });
}
