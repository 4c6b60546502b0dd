import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  conventionProblems,
  donationProblems,
  donorProblems,
  interactionProblems,
  prescriptionProblems,
  type FieldProblem,
} from '../domain/rules';
import { normalizeSiret } from '../domain/siret';
import { defaultWorkshopId } from '../shared/server/default-workshop';
import { IN_TRANSFER_MESSAGE, unitsInOpenTransfer } from '../shared/server/transfers';
import { assertNetworkSettingsWriter, currentScope, NETWORK_SETTINGS_TYPES, OWN_WORKSHOP_TYPES, WORKSHOP_UID, WORKSHOP_PATH, workshopsOfRecords, type WorkshopScope } from '../shared/server/workshops';
import { assignCopyNumber, assignNumber } from './numbering';

type Data = Record<string, unknown>;
type Populate = Record<string, true | { populate: Record<string, true> }>;

interface RuleSet {
  populate: Populate;
  // The documents are loaded with the populate above; the rules read a narrow view of them.
  check: (doc: never) => FieldProblem[];
}

const RULES: Record<string, RuleSet> = {
  'api::donor.donor': { populate: {}, check: donorProblems },
  // A workshop that is its own legal entity: the same SIRET check as a donor's.
  'api::workshop.workshop': { populate: {}, check: donorProblems },
  'api::convention.convention': {
    populate: { donor: true, prescriber: true, terms: true },
    check: conventionProblems,
  },
  'api::donation.donation': {
    populate: { donor: true, convention: { populate: { donor: true } } },
    check: donationProblems,
  },
  'api::prescription.prescription': { populate: { prescriber: true }, check: prescriptionProblems },
  'api::interaction.interaction': { populate: { donor: true, prescriber: true }, check: interactionProblems },
};

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Data; documentId?: string };
}

/** A copy (« Dupliquer ») is a creation: numbered and checked like one. */
const WRITES = new Set(['create', 'update', 'clone']);
const SETTINGS_WRITES = new Set(['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft']);
/** Records that belong to a workshop: their author's (the default one outside a staff request) when none is given. */
const IN_A_WORKSHOP = new Set(OWN_WORKSHOP_TYPES);
const isOurs = (uid: string) => uid in RULES || uid in WORKSHOP_PATH;

/**
 * Document Service middleware: numbers new records, then checks the record as written,
 * inside the same transaction, so a refused write leaves the database as it was.
 */
export function businessRulesMiddleware(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    // The network's shared settings, whichever screen writes them (content manager, plugin routes).
    if (NETWORK_SETTINGS_TYPES.has(ctx.uid) && SETTINGS_WRITES.has(ctx.action)) await assertNetworkSettingsWriter(strapi);
    if (ctx.uid === 'api::machine.machine' && (ctx.action === 'update' || ctx.action === 'delete') && ctx.params.documentId) {
      await assertNotInTransfer(strapi, ctx.params.documentId);
    }
    if (WRITES.has(ctx.action)) populateWorkshopPath(ctx.uid, ctx.params as { populate?: unknown });
    if (!WRITES.has(ctx.action) || !isOurs(ctx.uid)) return next();
    return strapi.db.transaction(async () => {
      ctx.params.data ??= {};
      const data = ctx.params.data;
      if (typeof data.siret === 'string') data.siret = normalizeSiret(data.siret);
      const scope = await currentScope(strapi);
      if (!scope.all) assertSharedLinksUntouched(strapi, ctx.uid, data);
      // The workshop first: numbers carry its code.
      if (ctx.action === 'create' && IN_A_WORKSHOP.has(ctx.uid) && data.workshop == null) {
        data.workshop = scope.all ? await defaultWorkshopId(strapi) : (scope.ids[0] ?? null);
      }
      if (ctx.uid === WORKSHOP_UID) await normalizeWorkshopCode(strapi, ctx.action, data);
      if (ctx.action === 'clone') await assignCopyNumber(strapi, ctx.uid, ctx.params.documentId, data);
      else await assignNumber(strapi, ctx.uid, ctx.action, data);
      const result = (await next()) as { documentId?: string } | null;
      if (!result?.documentId) return result;
      if (!scope.all) await assertWrittenInScope(strapi, ctx.uid, result.documentId, scope, data);
      // Whoever writes (a super-admin too): a record of a workshop's type never loses its workshop.
      else if (IN_A_WORKSHOP.has(ctx.uid) && 'workshop' in data) await assertHasWorkshop(strapi, ctx.uid, result.documentId);
      if (ctx.uid === 'api::machine.machine') await syncMachineDonor(strapi, result.documentId);
      if (ctx.uid === 'api::workshop.workshop' && data.isDefault === true) {
        await strapi.db
          .query('api::workshop.workshop')
          .updateMany({ where: { documentId: { $ne: result.documentId }, isDefault: true }, data: { isDefault: false } });
      }
      const rules = RULES[ctx.uid];
      if (!rules) return result;
      const written = await strapi.db
        .query(ctx.uid as 'api::donor.donor')
        .findOne({ where: { documentId: result.documentId }, populate: rules.populate });
      const problems = rules.check(written as never);
      if (problems.length > 0) {
        throw new errors.ValidationError(problems.map((p) => p.message).join(' '), {
          errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError', value: null })),
        });
      }
      return result;
    });
  };
}

const OTHER_WORKSHOP = "Cette fiche appartient à un autre atelier du réseau : votre compte ne peut ni l'écrire ni la relier à vos fiches.";

/**
 * A member of some workshops writes only within them (docs/network.md): the record as written
 * belongs to one of their workshops, and so does every record this write links it to. Read after the
 * write, inside its transaction, so every shape of input (ids, documentIds, connect, set, a
 * relation written from the other side) is judged by its result, and a refusal undoes it.
 */
async function assertWrittenInScope(strapi: Core.Strapi, uid: string, documentId: string, scope: WorkshopScope & { all: false }, data: Data): Promise<void> {
  const allowed = new Set(scope.ids);
  const row = (await strapi.db.query(uid as never).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
  if (!row) return;
  if (WORKSHOP_PATH[uid] !== undefined) {
    const own = (await workshopsOfRecords(strapi, uid, [row.id])).get(row.id) ?? null;
    if ((own == null && WORKSHOP_PATH[uid] === 'workshop') || (own != null && !allowed.has(own))) throw new errors.ValidationError(OTHER_WORKSHOP);
  }
  // A shared record (a donor) is linked to every workshop's records: its links are written from theirs.
  if (WORKSHOP_PATH[uid] === undefined) return;
  // The links this write makes: a unit received from another workshop keeps its donation there.
  const linked = scopedRelations(strapi, uid).filter(([name]) => name in data && !isEmptyRelationInput(data[name]));
  if (linked.length === 0) return;
  const populate = Object.fromEntries(linked.map(([name]) => [name, { select: ['id'] }]));
  const full = (await strapi.db.query(uid as never).findOne({ where: { id: row.id }, select: ['id'], populate })) as Record<string, unknown>;
  for (const [name, attribute] of linked) {
    const value = full[name];
    const ids = (Array.isArray(value) ? value : value ? [value] : []).map((v) => (v as { id: number }).id);
    const owners = await workshopsOfRecords(strapi, attribute.target as string, ids);
    for (const owner of owners.values()) if (owner != null && !allowed.has(owner)) throw new errors.ValidationError(OTHER_WORKSHOP, { path: [name] });
  }
}

const NO_WORKSHOP = "Une fiche appartient toujours à un atelier du réseau : choisissez son atelier plutôt que de le retirer.";

/** Read after the write, in its transaction: an emptied workshop is refused and undone. */
async function assertHasWorkshop(strapi: Core.Strapi, uid: string, documentId: string): Promise<void> {
  const rows = (await strapi.db.query(uid as never).findMany({ where: { documentId }, select: ['id'] })) as Array<{ id: number }>;
  const owners = await workshopsOfRecords(strapi, uid, rows.map((r) => r.id));
  if ([...owners.values()].some((owner) => owner == null)) {
    throw new errors.ValidationError(NO_WORKSHOP, { errors: [{ path: ['workshop'], message: NO_WORKSHOP, name: 'ValidationError', value: null }] });
  }
}

/**
 * A workshop's code (the prefix of its labels and numbers): upper case, and one is made from its
 * commune (or name) when none is given, unique in the network (`MO`, then `MOA`, `MOB`…): two to
 * four capital letters, as label codes carry them (`MO-001157`).
 */
async function normalizeWorkshopCode(strapi: Core.Strapi, action: string, data: Data): Promise<void> {
  if (typeof data.code === 'string') data.code = data.code.trim().toUpperCase() || null;
  if (action === 'update' || data.code) return;
  const source = String(data.commune ?? data.name ?? 'AT')
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase();
  const base = (source.replace(/[0-9]/g, '').slice(0, 2) || 'AT').padEnd(2, 'X');
  for (let n = 0; n <= 26; n += 1) {
    const candidate = n === 0 ? base : `${base}${String.fromCharCode(64 + n)}`;
    if ((await strapi.db.query(WORKSHOP_UID).count({ where: { code: candidate } })) === 0) {
      data.code = candidate;
      return;
    }
  }
}

/**
 * The content manager answers a create, a copy or an update with relations counted
 * (`{ workshop: { count: 1 } }`), then checks the answer against the role's permission — whose
 * condition « Fiches de mes ateliers » reads `workshop.id`: with a count in its place every field
 * was stripped from the answer. The path to the workshop is populated with its ids instead.
 */
function populateWorkshopPath(uid: string, params: { populate?: unknown }): void {
  const path = WORKSHOP_PATH[uid];
  const populate = params.populate as Record<string, unknown> | undefined;
  if (!path || !populate || typeof populate !== 'object' || Array.isArray(populate)) return;
  const [first, ...rest] = path.split('.');
  const current = populate[first] as Record<string, unknown> | undefined;
  if (current !== undefined && !(current && typeof current === 'object' && 'count' in current)) return;
  let inner: Record<string, unknown> = { fields: ['documentId'] };
  for (const key of [...rest].reverse()) inner = { fields: ['documentId'], populate: { [key]: inner } };
  populate[first] = inner;
}

/** A unit held by an open transfer between workshops is edited and deleted by neither side (docs/network.md). */
async function assertNotInTransfer(strapi: Core.Strapi, documentId: string): Promise<void> {
  const rows = (await strapi.db.query('api::machine.machine').findMany({ where: { documentId }, select: ['id'] })) as Array<{ id: number }>;
  const held = await unitsInOpenTransfer(strapi, rows.map((r) => r.id));
  if (held.length) throw new errors.ValidationError(IN_TRANSFER_MESSAGE(held.map((h) => `${h.labelCode ?? ''} : ${h.number ?? ''}`).join(', ')));
}

type Attributes = Record<string, { type: string; target?: string }>;

/** The relations of `uid` to records that belong to a workshop (the workshop itself aside). */
function scopedRelations(strapi: Core.Strapi, uid: string): Array<[string, { type: string; target?: string }]> {
  const model = strapi.getModel(uid as never) as { attributes: Attributes };
  return Object.entries(model.attributes).filter(
    ([, a]) => a.type === 'relation' && a.target && WORKSHOP_PATH[a.target] !== undefined && a.target !== 'api::workshop.workshop',
  );
}

const isEmptyRelationInput = (value: unknown): boolean => {
  if (value == null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('count' in v && Object.keys(v).length === 1) return true;
    return ['connect', 'disconnect', 'set'].every((k) => v[k] == null || (Array.isArray(v[k]) && (v[k] as unknown[]).length === 0)) && !('id' in v) && !('documentId' in v);
  }
  return false;
};

const SHARED_LINKS = "Un donateur est partagé par le réseau : ses conventions, lots, machines et échanges se relient depuis leur propre fiche, dans votre atelier.";

/** On a shared record, a member of some workshops does not relink other workshops' records. */
function assertSharedLinksUntouched(strapi: Core.Strapi, uid: string, data: Data): void {
  if (WORKSHOP_PATH[uid] !== undefined || !strapi.getModel(uid as never)) return;
  for (const [name] of scopedRelations(strapi, uid)) {
    if (name in data && !isEmptyRelationInput(data[name])) throw new errors.ValidationError(SHARED_LINKS, { path: [name] });
  }
}

/** A machine's donor is its donation's donor: derived, never typed. */
async function syncMachineDonor(strapi: Core.Strapi, documentId: string): Promise<void> {
  const machine = await strapi.db.query('api::machine.machine').findOne({
    where: { documentId },
    populate: { donor: true, donation: { populate: { donor: true } } },
  });
  if (!machine) return;
  const expected = (machine.donation?.donor?.id as number | undefined) ?? null;
  const current = (machine.donor?.id as number | undefined) ?? null;
  if (expected !== current) {
    await strapi.db.query('api::machine.machine').update({ where: { id: machine.id }, data: { donor: expected } });
  }
}
