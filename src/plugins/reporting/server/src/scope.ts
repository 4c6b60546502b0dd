import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ALL, OUT_OF_SCOPE, scopeOf, scopeSql, WORKSHOP_UID, type WorkshopScope } from '../../../../shared/server/workshops';
import type { CoveredWorkshops, WorkshopSummary } from '../../shared/contracts';

export { ALL, type WorkshopScope };

/** What a reporting request covers: the scope its SQL is filtered by, and the workshops it names. */
export interface ReportScope {
  scope: WorkshopScope;
  covered: CoveredWorkshops;
}

type Row = Record<string, unknown>;

/** The workshops a scope covers, by name (every workshop for the network). */
export async function workshopsOf(strapi: Core.Strapi, scope: WorkshopScope): Promise<WorkshopSummary[]> {
  const rows = (await strapi.db.query(WORKSHOP_UID).findMany({
    where: scope.all ? {} : { id: { $in: scope.ids } },
    select: ['id', 'documentId', 'name', 'code', 'isDefault'],
    orderBy: [{ isDefault: 'desc' }, { name: 'asc' }],
  })) as Row[];
  return rows.map((r) => ({ id: Number(r.id), documentId: String(r.documentId), name: String(r.name), code: r.code == null ? null : String(r.code) }));
}

export async function describe(strapi: Core.Strapi, scope: WorkshopScope): Promise<CoveredWorkshops> {
  const workshops = await workshopsOf(strapi, scope);
  return { network: scope.all, workshops: workshops.map(({ documentId, name, code }) => ({ documentId, name, code })) };
}

/**
 * The scope of a reporting request from its `workshop` parameter (docs/network.md): none → the
 * requester's workshops (every workshop for « Réseau » and super-admins); `all` → the same (a
 * Coordination or Atelier account gets its own workshops, never the network); a workshop's
 * documentId → that workshop, if the requester reaches it, else the French 404 of a record of
 * another workshop (staff of A do not learn that B exists).
 */
export async function reportScope(strapi: Core.Strapi, ctx: { state: unknown }, workshop: string | null | undefined): Promise<ReportScope> {
  const requester = await scopeOf(strapi, ctx);
  let scope: WorkshopScope = requester;
  if (workshop && workshop !== 'all') {
    const row = (await strapi.db.query(WORKSHOP_UID).findOne({ where: { documentId: workshop }, select: ['id'] })) as { id: number } | null;
    if (!row || (!requester.all && !requester.ids.includes(row.id))) throw new errors.NotFoundError(OUT_OF_SCOPE);
    scope = { all: false, ids: [row.id] };
  }
  return { scope, covered: await describe(strapi, scope) };
}

let counter = 0;

/**
 * `scopeSql` for the plugin's raw queries, which bind by name (`:from`): the kernel's positional
 * `?` become named bindings, to spread into the query's own. `column` holds a workshop id.
 */
export function scopeFilter(column: string, scope: WorkshopScope): { sql: string; bindings: Record<string, number> } {
  const [sql, ids] = scopeSql(column, scope);
  const bindings: Record<string, number> = {};
  counter = (counter + 1) % 1_000_000;
  let i = 0;
  const named = sql.replace(/\?/g, () => {
    const key = `ws${counter}_${i}`;
    bindings[key] = ids[i];
    i += 1;
    return `:${key}`;
  });
  return { sql: named, bindings };
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/**
 * The workshop of a record of a type with its own `workshop` relation, as a sub-select on the
 * relation's link table (named from Strapi's metadata, e.g. `machines_workshop_lnk`), to pass
 * to `scopeFilter`. `id` is the SQL expression of the record's id.
 */
export function workshopOf(strapi: Core.Strapi, uid: string, id: string, attribute = 'workshop'): string {
  const meta = strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, { joinTable?: JoinTable }> };
  const jt = meta.attributes[attribute]?.joinTable;
  if (!jt) throw new Error(`${uid}.${attribute} : pas de table de liaison`);
  return `(SELECT ${jt.inverseJoinColumn.name} FROM ${jt.name} WHERE ${jt.joinColumn.name} = ${id} LIMIT 1)`;
}

/** A content-manager list link condition limiting to the scope's workshops (none for the network). */
export const workshopCondition = (scope: WorkshopScope, path: string[] = ['workshop', 'id']) =>
  scope.all ? [] : ([[path, '$in', scope.ids]] as Array<[string[], '$in', number[]]>);
