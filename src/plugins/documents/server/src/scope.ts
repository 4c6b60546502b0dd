import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { OUT_OF_SCOPE, scopeOf, WORKSHOP_PATH, type WorkshopScope } from '../../../../shared/server/workshops';
import { MESSAGES } from './domain/messages';

/**
 * The network rule (src/shared/server/workshops.ts, docs/network.md) applied to documents. An
 * issued document has no workshop of its own: it belongs to the workshop of the record it is about
 * (its `targetUid` + `targetDocumentId`). So staff of a workshop reach only the documents about
 * their workshops' records, and a document names, and is numbered by, its record's workshop.
 *
 * Types the kernel lists in WORKSHOP_PATH follow it. A plugin's record type (a campaign, a bilan)
 * that carries its own `workshop` relation follows it too, so a plugin that scopes its records
 * scopes their documents with no change here. Donors are shared by the network: documents about a
 * donor (its label certificate, its thank-you letter) are reachable by any staff who may read the
 * donor, and are issued in the name of the workshop that follows the donor (`followedBy`).
 */

/**
 * Record types with two workshops, both parties to it: a transfer between workshops (its sender and
 * its receiver). Staff of either reach its documents; staff of a third workshop get the 404 of a
 * record that does not exist. The first path is the workshop that speaks for it on its documents
 * and numbers them (the sender: the slip goes with the goods). The one place such types are named.
 */
export const PARTY_PATHS: Readonly<Record<string, readonly [string, string]>> = {
  'plugin::network.transfer': ['fromWorkshop', 'toWorkshop'],
};

/** The path from a record type to its workshop for scoping ('' the workshop itself), or undefined when the type is shared. */
export function scopePath(strapi: Core.Strapi, uid: string): string | undefined {
  if (WORKSHOP_PATH[uid] !== undefined) return WORKSHOP_PATH[uid];
  const attribute = (strapi.contentTypes as unknown as Record<string, { attributes?: Record<string, { type?: string; target?: string }> }>)[uid]?.attributes?.workshop;
  return attribute?.type === 'relation' && attribute.target === 'api::workshop.workshop' ? 'workshop' : undefined;
}

/** The path to the workshop that speaks for a record on its documents: its own one, or the one following a shared donor. */
function identityPath(strapi: Core.Strapi, uid: string): string | undefined {
  if (PARTY_PATHS[uid]) return PARTY_PATHS[uid][0];
  const path = scopePath(strapi, uid);
  if (path !== undefined) return path;
  return uid === 'api::donor.donor' ? 'followedBy' : undefined;
}

const nest = (path: string, leaf: unknown): Record<string, unknown> =>
  path.split('.').reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf as Record<string, unknown>);

/** A Query Engine `where` fragment limiting records of `uid` to the scope ({} when every workshop or a shared type). */
export function recordScopeWhere(strapi: Core.Strapi, uid: string, scope: WorkshopScope): Record<string, unknown> {
  const parties = PARTY_PATHS[uid];
  if (parties) return scope.all ? {} : { $or: parties.map((path) => nest(path, { id: { $in: scope.ids } })) };
  const path = scopePath(strapi, uid);
  if (scope.all || path === undefined) return {};
  return path === '' ? { id: { $in: scope.ids } } : nest(path, { id: { $in: scope.ids } });
}

/**
 * Whether the record a document is (or would be) about is within the scope. A record of a scoped
 * type that does not exist is not: staff of a workshop cannot tell a missing record from another
 * workshop's.
 */
export async function recordInScope(strapi: Core.Strapi, uid: string, documentId: string, scope: WorkshopScope): Promise<boolean> {
  if (scope.all || (scopePath(strapi, uid) === undefined && !PARTY_PATHS[uid])) return true;
  const row = await strapi.db.query(uid as 'api::machine.machine').findOne({ where: { documentId, ...recordScopeWhere(strapi, uid, scope) }, select: ['id'] });
  return Boolean(row);
}

/** A French 404 unless the caller's workshops hold the record (the same answer as a record that does not exist). */
export async function assertRecordInScope(strapi: Core.Strapi, ctx: { state: unknown }, uid: string, documentId: string): Promise<void> {
  if (!(await recordInScope(strapi, uid, documentId, await scopeOf(strapi, ctx)))) throw new errors.NotFoundError(OUT_OF_SCOPE);
}

/** A French 404 « Document introuvable. » unless the caller's workshops hold the document's record: the answer for a document that does not exist. */
export async function assertDocumentInScope(strapi: Core.Strapi, ctx: { state: unknown }, doc: { targetUid: string; targetDocumentId: string }): Promise<void> {
  if (!(await recordInScope(strapi, doc.targetUid, doc.targetDocumentId, await scopeOf(strapi, ctx)))) throw new errors.NotFoundError(MESSAGES.documentNotFound);
}

/** A Query Engine `populate` reaching a path's workshop id (`machine.workshop` → machine → workshop). */
function populateOf(path: string): Record<string, unknown> {
  const keys = path.split('.');
  let populate: Record<string, unknown> = { select: ['id'] };
  for (let i = keys.length - 1; i >= 0; i -= 1) populate = i === 0 ? { [keys[i]]: populate } : { select: ['id'], populate: { [keys[i]]: populate } };
  return populate;
}

/**
 * What a record must be read with for the content manager's permission checker to test the
 * « Fiches de mes ateliers » condition on it (`workshop.id`, `machine.workshop.id`…): without it,
 * the condition finds no workshop and refuses every record.
 */
export function conditionPopulate(strapi: Core.Strapi, uid: string): Record<string, unknown> | undefined {
  const path = scopePath(strapi, uid);
  return path ? populateOf(path) : undefined;
}

/** The workshop (id) a record's documents are issued by: its own, the one following a donor, or null (the default workshop speaks). */
export async function workshopOfRecord(strapi: Core.Strapi, uid: string, documentId: string): Promise<number | null> {
  const path = identityPath(strapi, uid);
  if (path === undefined) return null;
  if (path === '') {
    const row = (await strapi.db.query(uid as 'api::workshop.workshop').findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
    return row?.id ?? null;
  }
  const keys = path.split('.');
  const row = (await strapi.db.query(uid as 'api::machine.machine').findOne({ where: { documentId }, select: ['id'], populate: populateOf(path) as never })) as Record<
    string,
    unknown
  > | null;
  let value: unknown = row;
  for (const key of keys) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : null;
  return value && typeof value === 'object' ? ((value as { id?: number }).id ?? null) : null;
}
