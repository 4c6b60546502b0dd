/**
 * Row-level access for portal accounts, as plain functions over a query: which records a
 * structure owns, and how a (sanitised) REST query is narrowed so that its filters, populate and
 * sort never reach another structure's rows. No Strapi here: unit-tested on its own.
 */

import { DONATION, HOUSEHOLD, MACHINE, OWNED, ownerFilter, PRESCRIPTION, type StructureKind } from '../../../../../shared/ownership';

export { DONATION, HOUSEHOLD, MACHINE, OWNED, ownerFilter, PRESCRIPTION, type StructureKind };

export interface PortalActor {
  kind: StructureKind;
  userId: number;
  /** The structure's row id (prescriber or donor). */
  structureId: number;
}

/**
 * Relations a portal query may follow (filters and populate; never sort), one level deep.
 * Each leads to a type the same structure owns, and is narrowed to its rows.
 */
export const TRAVERSABLE: Record<StructureKind, Record<string, string[]>> = {
  prescriber: { [PRESCRIPTION]: ['household'], [HOUSEHOLD]: ['prescriptions'] },
  donor: { [DONATION]: ['machines'], [MACHINE]: ['donation'] },
};

/**
 * Attributes of the types a portal account reaches that it never reads: the staff's notes and
 * links. The responses leave them out, and the query may not filter, sort, select or populate on
 * them either — a filter on a hidden field answers whether it holds a value, one guess at a time.
 */
export const HIDDEN: Record<string, string[]> = {
  [PRESCRIPTION]: ['workshop', 'machines'],
  [HOUSEHOLD]: [],
  [DONATION]: ['notes', 'workshop', 'convention'],
  [MACHINE]: ['notes', 'prescription', 'workshop'],
};

const isHidden = (uid: string, field: string) => (HIDDEN[uid] ?? []).includes(field);

export interface Attribute {
  type: string;
  target?: string;
  component?: string;
}

/** The attributes of a content type or component, by uid. */
export type SchemaOf = (uid: string) => Record<string, Attribute>;

export class QueryRefused extends Error {
  constructor(readonly path: string) {
    super(`Paramètre de requête non autorisé : ${path}`);
  }
}

type Filters = Record<string, unknown>;

/** AND of the actor's ownership and the user's filters. */
export function scopedFilters(actor: PortalActor, uid: string, filters: unknown): Filters {
  const owner = ownerFilter(actor, uid);
  if (!owner) throw new QueryRefused(uid);
  return isObject(filters) && Object.keys(filters).length > 0 ? { $and: [owner, filters] } : owner;
}

const LOGICAL = new Set(['$and', '$or']);
/** Operators that only ask whether a relation is set: the owner's own fact, never another's data. */
const RELATION_PRESENCE = new Set(['$null', '$notNull']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Walk {
  actor: PortalActor;
  schemaOf: SchemaOf;
  /** True once inside a relation: no further relation may be followed. */
  nested: boolean;
}

/**
 * Rewrites filters so that every relation it follows is ANDed with the target's ownership
 * (a foreign row then never matches, under `$not` or `$or` alike), and refuses relations
 * outside TRAVERSABLE. Throws QueryRefused.
 */
export function restrictFilters(filters: unknown, uid: string, walk: Walk, path = 'filters'): unknown {
  if (Array.isArray(filters)) return filters.map((f, i) => restrictFilters(f, uid, walk, `${path}[${i}]`));
  if (!isObject(filters)) return filters;
  const attributes = walk.schemaOf(uid);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    const here = `${path}[${key}]`;
    if (LOGICAL.has(key)) {
      if (!Array.isArray(value)) throw new QueryRefused(here);
      out[key] = value.map((v, i) => restrictFilters(v, uid, walk, `${here}[${i}]`));
    } else if (key === '$not') {
      out[key] = restrictFilters(value, uid, walk, here);
    } else if (key.startsWith('$') || isHidden(uid, key)) {
      throw new QueryRefused(here);
    } else {
      const attribute = attributes[key];
      if (attribute?.type === 'relation') out[key] = restrictRelationFilter(value, uid, key, attribute, walk, here);
      else if (attribute?.type === 'component') out[key] = restrictComponentFilter(value, attribute, walk, here);
      else out[key] = value;
    }
  }
  return out;
}

function restrictRelationFilter(value: unknown, uid: string, key: string, attribute: Attribute, walk: Walk, path: string): unknown {
  // Only the object form is narrowed; any other shape could slip past the ownership condition.
  if (!isObject(value)) throw new QueryRefused(path);
  if (isObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => RELATION_PRESENCE.has(k))) return value;
  const target = followable(uid, key, attribute, walk, path);
  const inner = restrictFilters(value, target, { ...walk, nested: true }, path);
  return { $and: [inner, ownerFilter(walk.actor, target)] };
}

function restrictComponentFilter(value: unknown, attribute: Attribute, walk: Walk, path: string): unknown {
  if (!attribute.component) throw new QueryRefused(path);
  const attributes = walk.schemaOf(attribute.component);
  if (Object.values(attributes).some((a) => a.type === 'relation' || a.type === 'component' || a.type === 'dynamiczone')) {
    throw new QueryRefused(path);
  }
  return value;
}

function followable(uid: string, key: string, attribute: Attribute, walk: Walk, path: string): string {
  const allowed = TRAVERSABLE[walk.actor.kind][uid] ?? [];
  if (walk.nested || !allowed.includes(key) || !attribute.target || !ownerFilter(walk.actor, attribute.target)) {
    throw new QueryRefused(path);
  }
  return attribute.target;
}

/** Normalises Strapi's populate shapes (string, list, dotted paths, object) to an object. */
export function populateObject(populate: unknown, path = 'populate'): Record<string, unknown> {
  if (populate === undefined || populate === null || populate === false) return {};
  if (populate === '*' || populate === true) throw new QueryRefused(`${path}=*`);
  if (typeof populate === 'string') return populateObject(populate.split(',').map((s) => s.trim()).filter(Boolean), path);
  if (Array.isArray(populate)) {
    const out: Record<string, unknown> = {};
    for (const entry of populate) {
      if (typeof entry !== 'string') throw new QueryRefused(path);
      const [head, ...rest] = entry.split('.');
      if (head === '*') throw new QueryRefused(`${path}=*`);
      const nested = rest.length > 0 ? { populate: rest.join('.') } : true;
      out[head] = mergePopulate(out[head], nested);
    }
    return out;
  }
  if (isObject(populate)) return populate;
  throw new QueryRefused(path);
}

function mergePopulate(a: unknown, b: unknown): unknown {
  if (a === undefined || a === true) return b;
  if (b === true) return a;
  return a;
}

/**
 * Keeps only components and TRAVERSABLE relations in populate; a populated relation is filtered
 * to the actor's rows and may itself populate components only.
 */
export function restrictPopulate(populate: unknown, uid: string, walk: Walk, path = 'populate'): Record<string, unknown> {
  const attributes = walk.schemaOf(uid);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(populateObject(populate, path))) {
    const here = `${path}[${key}]`;
    const attribute = attributes[key];
    if (!attribute || isHidden(uid, key)) throw new QueryRefused(here);
    const options = isObject(value) ? value : {};
    if (attribute.type === 'component') {
      restrictComponentFilter({}, attribute, walk, here);
      out[key] = value === true || Object.keys(options).length === 0 ? true : pickOptions(options, here, false);
    } else if (attribute.type === 'relation') {
      const target = followable(uid, key, attribute, walk, here);
      const inner = { ...walk, nested: true };
      const picked = pickOptions(options, here, true);
      if (picked.fields !== undefined) restrictFields(picked.fields, target, `${here}[fields]`);
      if (picked.sort !== undefined) restrictSort(picked.sort, target, inner, `${here}[sort]`);
      const filters = picked.filters ? restrictFilters(picked.filters, target, inner, `${here}[filters]`) : undefined;
      out[key] = {
        ...picked,
        filters: filters ? { $and: [ownerFilter(walk.actor, target), filters] } : ownerFilter(walk.actor, target),
        ...(picked.populate ? { populate: restrictPopulate(picked.populate, target, inner, `${here}[populate]`) } : {}),
      };
    } else {
      throw new QueryRefused(here);
    }
  }
  return out;
}

function pickOptions(options: Record<string, unknown>, path: string, relation: boolean): Record<string, unknown> {
  const allowed = relation ? ['fields', 'filters', 'populate', 'sort'] : ['fields'];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new QueryRefused(`${path}[${key}]`);
  }
  if (options.sort !== undefined) assertScalarSort(options.sort, `${path}[sort]`);
  return options;
}

/** Sorting by a relation or a component would order own rows by another structure's values. */
export function assertScalarSort(sort: unknown, path = 'sort'): void {
  const keys: string[] = [];
  const collect = (s: unknown): void => {
    if (typeof s === 'string') keys.push(...s.split(',').map((k) => k.trim().split(':')[0]));
    else if (Array.isArray(s)) s.forEach(collect);
    else if (isObject(s)) {
      for (const [k, v] of Object.entries(s)) {
        if (isObject(v)) throw new QueryRefused(`${path}[${k}]`);
        keys.push(k);
      }
    } else if (s !== undefined) throw new QueryRefused(path);
  };
  collect(sort);
  for (const key of keys) if (key.includes('.')) throw new QueryRefused(`${path}=${key}`);
}

/** The sort keys must also be scalar attributes of the type itself. */
export function restrictSort(sort: unknown, uid: string, walk: Walk, path = 'sort'): unknown {
  assertScalarSort(sort, path);
  const attributes = walk.schemaOf(uid);
  const keys: string[] = [];
  const collect = (s: unknown): void => {
    if (typeof s === 'string') keys.push(...s.split(',').map((k) => k.trim().split(':')[0]));
    else if (Array.isArray(s)) s.forEach(collect);
    else if (isObject(s)) keys.push(...Object.keys(s));
  };
  collect(sort);
  for (const key of keys) {
    const type = attributes[key]?.type;
    if (type === 'relation' || type === 'component' || type === 'dynamiczone' || type === 'media' || isHidden(uid, key)) throw new QueryRefused(`${path}=${key}`);
  }
  return sort;
}

/** `fields` may name only what the account reads. */
export function restrictFields(fields: unknown, uid: string, path = 'fields'): unknown {
  const list = typeof fields === 'string' ? fields.split(',').map((f) => f.trim()) : Array.isArray(fields) ? fields : null;
  if (!list || list.some((f) => typeof f !== 'string')) throw new QueryRefused(path);
  for (const field of list as string[]) if (isHidden(uid, field)) throw new QueryRefused(`${path}=${field}`);
  return fields;
}

export interface PortalQuery {
  filters?: unknown;
  populate?: unknown;
  sort?: unknown;
  [key: string]: unknown;
}

/** The whole query of a portal request on `uid`, narrowed to the actor's structure. */
export function restrictQuery(query: PortalQuery, uid: string, actor: PortalActor, schemaOf: SchemaOf): PortalQuery {
  const walk: Walk = { actor, schemaOf, nested: false };
  const out: PortalQuery = { ...query };
  out.filters = scopedFilters(actor, uid, query.filters === undefined ? undefined : restrictFilters(query.filters, uid, walk));
  if (query.populate !== undefined) out.populate = restrictPopulate(query.populate, uid, walk);
  if (query.sort !== undefined) out.sort = restrictSort(query.sort, uid, walk);
  if (query.fields !== undefined) out.fields = restrictFields(query.fields, uid);
  return out;
}
