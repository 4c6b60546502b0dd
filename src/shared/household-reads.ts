/**
 * The reads of household data made while serving one request, collected wherever they happen
 * (a Document Service read, a document's PDF, a portal page) and written to the privacy plugin's
 * read log once the response is ready: one contract between the plugins that read household data
 * and the one that logs it. No Strapi import: unit-tested on its own.
 */

export const HOUSEHOLD_UID = 'api::household.household';

/** `read`: one record; `list`: a list or a picker; `document`: a PDF (preview, download, e-mail). */
export type HouseholdReadKind = 'read' | 'list' | 'document';

type Reads = Map<HouseholdReadKind, Set<string>>;

/** Where a request keeps its reads: Koa's `ctx.state`. */
export interface RequestWithState {
  state: object;
}

const KEY = Symbol.for('seconde-vie.household-reads');

const readsOf = (request: RequestWithState): Reads => {
  const state = request.state as { [KEY]?: Reads };
  state[KEY] ??= new Map();
  return state[KEY];
};

/** Notes that these households were read while serving this request (no request: the app's own work, not logged). */
export function noteHouseholdReads(request: RequestWithState | undefined | null, householdDocumentIds: Iterable<string>, kind: HouseholdReadKind): void {
  if (!request?.state) return;
  const ids = [...householdDocumentIds].filter((id) => typeof id === 'string' && id.length > 0);
  if (ids.length === 0) return;
  const reads = readsOf(request);
  const set = reads.get(kind) ?? new Set<string>();
  for (const id of ids) set.add(id);
  reads.set(kind, set);
}

/** The reads noted for this request, by kind (a household noted under several kinds is kept under each). */
export function householdReadsOf(request: RequestWithState): Array<{ kind: HouseholdReadKind; householdDocumentIds: string[] }> {
  const state = request.state as { [KEY]?: Reads };
  return [...(state[KEY]?.entries() ?? [])].map(([kind, ids]) => ({ kind, householdDocumentIds: [...ids].sort() }));
}

export interface SchemaAttribute {
  type: string;
  target?: string;
  component?: string;
  components?: string[];
}

/** The attributes of a content type or component, by uid; undefined when unknown. */
export type AttributesOf = (uid: string) => Record<string, SchemaAttribute> | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The documentIds of every household in a read's result: rows of the household type itself, and
 * households populated at any depth through relations and components.
 */
export function householdIdsIn(data: unknown, uid: string, attributesOf: AttributesOf, depth = 0): string[] {
  if (depth > 8 || data === null || data === undefined) return [];
  if (Array.isArray(data)) return data.flatMap((row) => householdIdsIn(row, uid, attributesOf, depth));
  if (!isObject(data)) return [];
  const found: string[] = [];
  if (uid === HOUSEHOLD_UID && typeof data.documentId === 'string') found.push(data.documentId);
  const attributes = attributesOf(uid) ?? {};
  for (const [name, value] of Object.entries(data)) {
    const attribute = attributes[name];
    if (!attribute || value === null || typeof value !== 'object') continue;
    if (attribute.type === 'relation' && attribute.target) found.push(...householdIdsIn(value, attribute.target, attributesOf, depth + 1));
    else if (attribute.type === 'component' && attribute.component) found.push(...householdIdsIn(value, attribute.component, attributesOf, depth + 1));
    else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      for (const part of value) if (isObject(part) && typeof part.__component === 'string') found.push(...householdIdsIn(part, part.__component, attributesOf, depth + 1));
    }
  }
  return [...new Set(found)];
}
