/**
 * The values a query or a write hands to PostgreSQL, checked against the attribute they meet:
 * an id that is not an integer, an integer beyond its column, a date of year 0000, a text holding
 * a NUL character, a pagination that is not a count — each would make PostgreSQL fail, and the
 * request answer 500. Here they become one French problem naming the parameter. Pure: no Strapi.
 */

export interface ValueProblem {
  path: string[];
  message: string;
}

/** An attribute as the Query Engine's metadata has it: components and media are relations there. */
export interface AttributeShape {
  type: string;
  target?: string;
}

export interface ModelShape {
  attributes: Record<string, AttributeShape>;
  /** The table's column names: the engine also accepts them as keys of a `where`. */
  columns: Set<string>;
}

/** The Query Engine's model of a uid; undefined when there is none. */
export type ModelOf = (uid: string) => ModelShape | undefined;

const ID: AttributeShape = { type: 'increments' };

const INT4 = { min: -2147483648, max: 2147483647 };
const INT8 = { min: BigInt('-9223372036854775808'), max: BigInt('9223372036854775807') };

const STRING_OPERATORS = new Set(['$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi', '$eqi', '$nei']);
const LIST_OPERATORS = new Set(['$in', '$notIn', '$between']);
const PRESENCE_OPERATORS = new Set(['$null', '$notNull']);
const LOGICAL = new Set(['$and', '$or']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** A value as a user may read it in a message: short, on one line. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, '�');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

const name = (path: string[]) => path.join('.') || 'valeur';

const DATE = /^(\d{4,})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?$/;

function validCalendarDay(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function dateProblem(value: unknown, withTime: boolean): boolean {
  if (value instanceof Date) {
    const y = value.getUTCFullYear();
    return Number.isNaN(value.getTime()) || y < 1 || y > 9999;
  }
  // A date and time may also be a count of milliseconds since 1970, as Strapi reads it.
  if (withTime && (typeof value === 'number' || (typeof value === 'string' && /^\d{1,15}$/.test(value)))) {
    const at = new Date(Number(value));
    return Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9999;
  }
  if (typeof value !== 'string') return true;
  const m = (withTime ? DATETIME : DATE).exec(value) ?? (withTime ? null : DATETIME.exec(value));
  if (!m) return true;
  if (!validCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return true;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return true;
  return false;
}

function integerProblem(value: unknown, range: { min: bigint; max: bigint } | { min: number; max: number }): boolean {
  let n: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return true;
    n = BigInt(value);
  } else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value.trim())) {
    n = BigInt(value.trim());
  } else if (typeof value === 'bigint') {
    n = value;
  } else {
    return true;
  }
  return n < BigInt(range.min) || n > BigInt(range.max);
}

function numberProblem(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'string' || !/^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return true;
  return !Number.isFinite(Number(value));
}

const BOOLEANS = new Set(['true', 'false', 't', 'f', '1', '0', 'yes', 'no', 'on', 'off']);

/** The French message for a value that does not fit an attribute of `type`; null when it fits. */
export function scalarProblem(type: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.includes('\u0000')) return 'contient un caractère nul, refusé';
  switch (type) {
    case 'increments':
    case 'integer':
      return integerProblem(value, INT4) ? `attend un nombre entier entre ${INT4.min} et ${INT4.max}` : null;
    case 'biginteger':
      return integerProblem(value, INT8) ? 'attend un nombre entier (19 chiffres au plus)' : null;
    case 'float':
    case 'decimal':
      return numberProblem(value) ? 'attend un nombre' : null;
    case 'boolean':
      return typeof value === 'boolean' || value === 0 || value === 1 || (typeof value === 'string' && BOOLEANS.has(value.toLowerCase())) ? null : 'attend true ou false';
    case 'date':
      return dateProblem(value, false) ? 'attend une date qui existe, au format AAAA-MM-JJ (année 0001 à 9999)' : null;
    case 'datetime':
    case 'timestamp':
      return dateProblem(value, true) ? 'attend une date et heure qui existent, au format ISO 8601 (année 0001 à 9999)' : null;
    case 'time':
      return typeof value === 'string' && TIME.test(value) && Number(value.slice(0, 2)) < 24 && Number(value.slice(3, 5)) < 60 && Number(value.slice(6, 8)) < 60
        ? null
        : 'attend une heure au format HH:MM:SS';
    case 'json':
    case 'blocks':
      return null;
    default:
      // Text types: anything but an object is turned into text; an object is not a value.
      return typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) ? 'attend un texte' : null;
  }
}

/** Types whose column is text: the only ones the text operators (LIKE, LOWER) apply to. */
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration', 'password']);
const WHERE_OPERATORS = new Set(['$not', '$in', '$notIn', '$eq', '$eqi', '$ne', '$nei', '$gt', '$gte', '$lt', '$lte', '$null', '$notNull', '$between', ...STRING_OPERATORS, '$jsonSupersetOf']);

const problem = (path: string[], message: string): ValueProblem => ({ path, message: `« ${name(path)} » ${message}` });
const valueProblem = (path: string[], type: string, value: unknown): ValueProblem[] => {
  const p = scalarProblem(type, value);
  return p ? [problem(path, `${p} (reçu : « ${shown(value)} »).`)] : [];
};

/**
 * The problems of a `where` (or `filters`) on `uid`, as the Query Engine reads it: each value
 * compared with an attribute must fit that attribute, and the shape must be one the engine
 * accepts (it throws plain errors, answered 500, on the others).
 */
export function whereProblems(where: unknown, uid: string, modelOf: ModelOf, path: string[] = ['filters']): ValueProblem[] {
  const model = modelOf(uid);
  // Strapi's own code may pass filters as a function of the model: code, not input.
  if (!model || where === undefined || where === null || typeof where === 'function') return [];
  if (Array.isArray(where)) return where.flatMap((w, i) => whereProblems(w, uid, modelOf, [...path, String(i)]));
  if (!isObject(where)) return [problem(path, `attend des conditions (reçu : « ${shown(where)} »).`)];
  const problems: ValueProblem[] = [];
  for (const [key, value] of Object.entries(where)) {
    const here = [...path, key];
    if (LOGICAL.has(key)) {
      if (!Array.isArray(value)) problems.push(problem(here, 'attend une liste de conditions.'));
      else problems.push(...value.flatMap((w, i) => (isObject(w) ? whereProblems(w, uid, modelOf, [...here, String(i)]) : [problem([...here, String(i)], 'attend des conditions.')])));
    } else if (key === '$not') {
      problems.push(...(isObject(value) || Array.isArray(value) ? whereProblems(value, uid, modelOf, here) : [problem(here, 'attend des conditions.')]));
    } else if (key.startsWith('$')) {
      problems.push(problem(here, "n'est pas accepté ici : seuls $and, $or et $not portent sur plusieurs champs."));
    } else {
      const attribute = key === 'id' ? ID : model.attributes[key];
      if (!attribute) {
        // The engine reads an unknown key as a column name: only real columns may pass.
        if (!model.columns.has(key)) problems.push(problem(here, "n'est pas un champ connu."));
        continue;
      }
      if (attribute.type === 'relation') {
        problems.push(...(attribute.target ? relationConditionProblems(value, attribute.target, modelOf, here) : [problem(here, 'ne peut pas servir de filtre.')]));
      } else {
        problems.push(...conditionProblems(value, attribute.type, here));
      }
    }
  }
  return problems;
}

/**
 * A relation's condition: a target id (`{ donor: 3 }`), one operator on the target's id
 * (`{ donor: { $in: [...] } }`), or conditions on the target's own fields — never a mix.
 */
function relationConditionProblems(value: unknown, target: string, modelOf: ModelOf, path: string[]): ValueProblem[] {
  if (!isObject(value)) return conditionProblems(value, 'increments', path);
  const keys = Object.keys(value);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length > 0 && operators.length !== keys.length) return [problem(path, 'mélange des opérateurs et des champs : séparez-les avec $and.')];
  if (operators.length > 1) return [problem(path, `n'accepte qu'un opérateur à la fois (reçu : ${operators.join(', ')}).`)];
  if (operators.length === 1 && !LOGICAL.has(operators[0])) return conditionProblems(value, 'increments', path);
  return whereProblems(value, target, modelOf, path);
}

/** The condition on one scalar attribute of `type`: a value, a list of values, or operators with values. */
function conditionProblems(condition: unknown, type: string, path: string[]): ValueProblem[] {
  if (Array.isArray(condition)) {
    return condition.flatMap((v, i) => (isObject(v) || Array.isArray(v) ? [problem([...path, String(i)], 'attend une valeur.')] : valueProblem([...path, String(i)], type, v)));
  }
  if (!isObject(condition)) return valueProblem(path, type, condition);
  const problems: ValueProblem[] = [];
  for (const [operator, value] of Object.entries(condition)) {
    const here = [...path, operator];
    if (LOGICAL.has(operator)) {
      if (!Array.isArray(value)) problems.push(problem(here, 'attend une liste de conditions.'));
      else problems.push(...value.flatMap((c, i) => conditionProblems(c, type, [...here, String(i)])));
    } else if (!WHERE_OPERATORS.has(operator)) {
      problems.push(problem(here, "n'est pas un opérateur connu ($eq, $ne, $lt, $lte, $gt, $gte, $in, $notIn, $between, $null, $notNull, $contains…)."));
    } else if (operator === '$not') {
      problems.push(...conditionProblems(value, type, here));
    } else if (operator === '$jsonSupersetOf') {
      continue;
    } else if (PRESENCE_OPERATORS.has(operator)) {
      problems.push(...valueProblem(here, 'boolean', value));
    } else if (LIST_OPERATORS.has(operator)) {
      const list = Array.isArray(value) ? value : [value];
      if (operator === '$between' && list.length !== 2) problems.push(problem(here, 'attend exactement deux valeurs.'));
      else problems.push(...conditionProblems(list, type, here));
    } else if (isObject(value) || Array.isArray(value)) {
      problems.push(problem(here, 'attend une seule valeur.'));
    } else if (STRING_OPERATORS.has(operator)) {
      if (!TEXT_TYPES.has(type)) problems.push(problem(here, `ne s'applique qu'à un texte, pas à ce champ (${type}).`));
      else problems.push(...valueProblem(here, 'string', value));
    } else if (type === 'json' && value !== null) {
      problems.push(problem(here, 'ne se compare pas : un champ JSON se filtre seulement avec $null ou $notNull.'));
    } else {
      problems.push(...valueProblem(here, type, value));
    }
  }
  return problems;
}

/** `limit`, `offset`, `start`: counts PostgreSQL can take. */
export function paginationProblems(params: Record<string, unknown>, keys = ['limit', 'offset', 'start']): ValueProblem[] {
  const problems: ValueProblem[] = [];
  for (const key of keys) {
    const value = params[key];
    if (value === undefined || value === null) continue;
    if (integerProblem(value, { min: -1, max: INT4.max })) problems.push({ path: [key], message: `« ${key} » attend un nombre entier positif (reçu : « ${shown(value)} »).` });
  }
  return problems;
}

/** Populated relations carry their own filters, limits and populate: the same checks, on their target. */
export function populateProblems(populate: unknown, uid: string, modelOf: ModelOf, path: string[] = ['populate']): ValueProblem[] {
  const model = modelOf(uid);
  if (!model || !isObject(populate)) return [];
  const problems: ValueProblem[] = [];
  for (const [key, options] of Object.entries(populate)) {
    const target = model.attributes[key]?.type === 'relation' ? model.attributes[key].target : undefined;
    if (!target || !isObject(options)) continue;
    const here = [...path, key];
    problems.push(...whereProblems(options.where, target, modelOf, [...here, 'filters']));
    problems.push(...whereProblems(options.filters, target, modelOf, [...here, 'filters']));
    problems.push(...paginationProblems(options).map((p) => ({ ...p, path: [...here, ...p.path] })));
    problems.push(...populateProblems(options.populate, target, modelOf, [...here, 'populate']));
  }
  return problems;
}

/** The scalar values written to `uid` (a create or an update): each must fit its column. */
export function dataProblems(data: unknown, uid: string, modelOf: ModelOf): ValueProblem[] {
  const model = modelOf(uid);
  if (!model || !isObject(data)) return [];
  const problems: ValueProblem[] = [];
  for (const [key, value] of Object.entries(data)) {
    const attribute = key === 'id' ? ID : model.attributes[key];
    if (!attribute || attribute.type === 'relation') continue;
    const problem = attribute.type === 'json' ? jsonProblem(value) : scalarProblem(attribute.type, value);
    if (problem) problems.push({ path: [key], message: `« ${key} » ${problem} (reçu : « ${shown(value)} »).` });
  }
  return problems;
}

/** PostgreSQL's jsonb refuses the NUL character anywhere in a text. */
function jsonProblem(value: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return 'attend une valeur JSON';
  }
  return text !== undefined && text.includes('\\u0000') ? 'contient un caractère nul, refusé' : null;
}

/** Every problem of a Query Engine call's parameters on `uid`. */
export function queryProblems(params: Record<string, unknown> | undefined, uid: string, modelOf: ModelOf): ValueProblem[] {
  if (!params) return [];
  const problems = [
    ...whereProblems(params.where, uid, modelOf),
    ...whereProblems(params.filters, uid, modelOf),
    ...paginationProblems(params),
    ...populateProblems(params.populate, uid, modelOf),
  ];
  if (typeof params._q === 'string' && params._q.includes('\u0000')) problems.push({ path: ['_q'], message: '« _q » contient un caractère nul, refusé.' });
  return problems;
}
