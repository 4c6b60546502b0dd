import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * States a plugin owns (a convention's `state`, a unit's stage, a campaign's status…) are set by
 * that plugin's lifecycle — its routes, its daily jobs, the seed — never by a Document Service
 * write from the content manager or the REST API. The owner runs its writes inside
 * `asLifecycle()`: an async context of this process, which no request can forge.
 */

interface LifecycleScope {
  /** Who is writing, for the logs (e.g. "relations: signature"). */
  by: string;
}

// One store per process, shared by every copy of this module (tests load the TypeScript source,
// the app its compiled copy in dist/).
const STORE = Symbol.for('seconde-vie.lifecycle-scope');
type Holder = { [STORE]?: AsyncLocalStorage<LifecycleScope> };

function storage(): AsyncLocalStorage<LifecycleScope> {
  const holder = globalThis as Holder;
  holder[STORE] ??= new AsyncLocalStorage<LifecycleScope>();
  return holder[STORE];
}

/** Runs `fn` as a lifecycle: Document Service writes inside may set the states their plugin owns. */
export function asLifecycle<T>(by: string, fn: () => Promise<T>): Promise<T> {
  return storage().run({ by }, fn);
}

/** The lifecycle writing now, if any. */
export function currentLifecycle(): LifecycleScope | undefined {
  return storage().getStore();
}

/** A field only its owner's lifecycle writes. */
export interface OwnedField {
  uid: string;
  field: string;
  /** `value`: a plain attribute; `relation`: a link, which content-manager and REST writes may not change. */
  kind: 'value' | 'relation';
  /**
   * For a value: what a record may be created with (absent means the schema's default); a copy
   * (the content manager's « Dupliquer ») starts at the first one. For a relation: a copy has none.
   */
  initial?: readonly string[];
  /** The French refusal, which says which routes set the field. */
  message: string;
}

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
}

/**
 * Whether a relation value in a write would set or change the link. The content manager sends an
 * untouched relation as empty connect/disconnect lists; on update, `null` or a list unlinks.
 */
export function changesRelation(value: unknown, action: string): boolean {
  if (value === undefined) return false;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown };
    const set = Array.isArray(v.set) ? v.set.length > 0 : v.set != null;
    return (v.connect?.length ?? 0) > 0 || (v.disconnect?.length ?? 0) > 0 || (action === 'create' ? set : v.set !== undefined);
  }
  if (action === 'create') return Array.isArray(value) ? value.length > 0 : value !== null && value !== '';
  return true;
}

const refuse = (field: string, message: string): never => {
  throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError', value: null }] });
};

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

function isToMany(strapi: Core.Strapi, uid: string, field: string): boolean {
  const attribute = (strapi.getModel(uid as 'api::machine.machine')?.attributes as Record<string, { relation?: string }> | undefined)?.[field];
  return /ToMany$/.test(attribute?.relation ?? '');
}

/**
 * A Document Service middleware refusing (French 400, before anything is written) a create,
 * update or clone that sets an owned field outside its lifecycle. An update may send the field
 * back unchanged (the content manager's form does); a clone starts at the initial state.
 */
export function ownedFieldsMiddleware(strapi: Core.Strapi, owned: OwnedField[]) {
  const byUid = new Map<string, OwnedField[]>();
  for (const o of owned) byUid.set(o.uid, [...(byUid.get(o.uid) ?? []), o]);

  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    const fields = byUid.get(ctx.uid);
    if (!fields || !['create', 'update', 'clone'].includes(ctx.action) || currentLifecycle()) return next();
    ctx.params.data ??= {};
    const data = ctx.params.data;
    let current: Record<string, unknown> | null | undefined;
    const loadCurrent = async () => {
      if (current !== undefined) return current;
      const values = fields.filter((f) => f.kind === 'value').map((f) => f.field);
      current = ctx.params.documentId
        ? ((await strapi.db.query(ctx.uid as 'api::machine.machine').findOne({ where: { documentId: ctx.params.documentId }, select: values })) as Record<string, unknown> | null)
        : null;
      return current;
    };

    for (const f of fields) {
      const value = data[f.field];
      if (f.kind === 'relation') {
        if (changesRelation(value, ctx.action === 'clone' ? 'create' : ctx.action)) refuse(f.field, f.message);
        // A copy is a new record: it does not inherit the link its lifecycle made.
        if (ctx.action === 'clone') data[f.field] = isToMany(strapi, ctx.uid, f.field) ? [] : null;
        continue;
      }
      const initial = f.initial ?? [];
      if (ctx.action === 'update') {
        if (value === undefined) continue;
        const row = await loadCurrent();
        if (row && !same(row[f.field], value)) refuse(f.field, f.message);
        continue;
      }
      if (value !== undefined && value !== null && !initial.includes(String(value))) refuse(f.field, f.message);
      if (ctx.action === 'clone' && initial.length > 0) data[f.field] = initial[0];
    }
    return next();
  };
}
