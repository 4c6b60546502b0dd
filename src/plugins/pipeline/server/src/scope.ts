import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { OUT_OF_SCOPE, scopeOf, scopeSql, scopeWhere, workshopsOfRecords, type WorkshopScope } from '../../../../shared/server/workshops';

/**
 * The network rule (src/shared/server/workshops.ts, docs/network.md) as the pipeline's routes apply
 * it: a record route answers 404 for a record of another workshop, as for an unknown one (staff of
 * A learn nothing of B's records); lists and figures leave other workshops out. API tokens and
 * super-admins, and « Réseau » for reading, reach every workshop (`scopeOf`).
 */

export { OUT_OF_SCOPE, scopeOf, scopeWhere, type WorkshopScope };

/** The request's scope (cached on the request's state by `scopeOf`). */
export const requestScope = (strapi: Core.Strapi, ctx: { state: unknown }): Promise<WorkshopScope> => scopeOf(strapi, ctx);

/** Whether `documentId` of `uid` exists within `scope` (a shared type: whether it exists). */
export async function existsInScope(strapi: Core.Strapi, uid: string, documentId: string, scope: WorkshopScope): Promise<boolean> {
  const row = await strapi.db.query(uid as 'api::machine.machine').findOne({ where: { documentId, ...scopeWhere(uid, scope) }, select: ['id'] });
  return Boolean(row);
}

/** A French 404 unless the record exists within the request's workshops; unknown and foreign records answer the same. */
export async function assertRecordInScope(strapi: Core.Strapi, ctx: { state: unknown }, uid: string, documentId: string, message = OUT_OF_SCOPE): Promise<void> {
  const scope = await scopeOf(strapi, ctx);
  if (scope.all) return;
  if (!(await existsInScope(strapi, uid, documentId, scope))) throw new errors.NotFoundError(message);
}

/** The workshop id of one record by documentId (null: none, or no such record). */
export async function workshopOf(strapi: Core.Strapi, uid: string, documentId: string): Promise<number | null> {
  const row = (await strapi.db.query(uid as 'api::machine.machine').findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  if (!row) return null;
  return (await workshopsOfRecords(strapi, uid, [row.id])).get(row.id) ?? null;
}

/** The link table between a type with its own `workshop` relation and the workshops (e.g. machines_workshop_lnk). */
function workshopLink(strapi: Core.Strapi, uid: string): { table: string; own: string; workshop: string } {
  const attribute = strapi.db.metadata.get(uid as 'api::machine.machine').attributes.workshop as unknown as {
    joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  };
  const join = attribute?.joinTable;
  if (!join) throw new Error(`[pipeline] ${uid} n'a pas de relation « workshop »`);
  return { table: join.name, own: join.joinColumn.name, workshop: join.inverseJoinColumn.name };
}

/**
 * Raw SQL: `idColumn` (a row id of `uid`, a type with its own `workshop`) belongs to one of the
 * scope's workshops. `['TRUE', []]` for every workshop.
 */
export function recordsInScopeSql(strapi: Core.Strapi, uid: string, idColumn: string, scope: WorkshopScope): [string, number[]] {
  if (scope.all) return ['TRUE', []];
  const link = workshopLink(strapi, uid);
  const [condition, bindings] = scopeSql(`sc_l.${link.workshop}`, scope);
  return [`${idColumn} IN (SELECT sc_l.${link.own} FROM ${link.table} AS sc_l WHERE ${condition})`, bindings];
}

/** The same, for a column holding a documentId of `uid`. */
export function documentsInScopeSql(strapi: Core.Strapi, uid: string, documentIdColumn: string, scope: WorkshopScope): [string, number[]] {
  if (scope.all) return ['TRUE', []];
  const table = strapi.db.metadata.get(uid as 'api::machine.machine').tableName;
  const [inner, bindings] = recordsInScopeSql(strapi, uid, 'sc_r.id', scope);
  return [`${documentIdColumn} IN (SELECT sc_r.document_id FROM ${table} AS sc_r WHERE ${inner})`, bindings];
}
