/**
 * Links from a figure to the content manager's list of the records behind it. The content
 * manager reads `filters[$and][i][field][op]=value` from the URL (qs syntax), relations included.
 */
export type Test = [path: string[], op: '$eq' | '$in' | '$gte' | '$lte' | '$gt' | '$null' | '$notNull' | '$notIn', value: string | number | boolean | Array<string | number>];

/** One test, or any of several (`{ $or: [...] }`). */
export type Condition = Test | { $or: Test[] };

const enc = (s: string) => encodeURIComponent(s);

/** `/content-manager/collection-types/<uid>?filters…` (relative to the admin's base URL). */
export function listLink(uid: string, conditions: Condition[]): string {
  const parts: string[] = ['page=1', 'pageSize=50'];
  const push = (prefix: string, [path, op, value]: Test) => {
    const key = `${prefix}${path.map((p) => `[${p}]`).join('')}[${op}]`;
    if (Array.isArray(value)) value.forEach((v, j) => parts.push(`${enc(`${key}[${j}]`)}=${enc(String(v))}`));
    else parts.push(`${enc(key)}=${enc(String(value))}`);
  };
  conditions.forEach((condition, i) => {
    if ('$or' in condition) condition.$or.forEach((test, j) => push(`filters[$and][${i}][$or][${j}]`, test));
    else push(`filters[$and][${i}]`, condition);
  });
  return `/content-manager/collection-types/${uid}?${parts.join('&')}`;
}

/** A date range on one (possibly nested) date attribute, inclusive on both ends. */
export const between = (path: string[], from: string, to: string): Condition[] => [
  [path, '$gte', from],
  [path, '$lte', to],
];
