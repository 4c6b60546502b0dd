import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { dataProblems, queryProblems, type AttributeShape, type ModelOf, type ValueProblem } from '../domain/query-values';

interface Metadata {
  attributes: Record<string, AttributeShape & { columnName?: string; joinColumn?: { name?: string } }>;
}

interface LifecycleEvent {
  action: string;
  model: { uid: string };
  params?: Record<string, unknown> & { data?: unknown };
}

const READS = ['beforeFindOne', 'beforeFindMany', 'beforeCount', 'beforeDelete', 'beforeDeleteMany'] as const;
const WRITES = ['beforeCreate', 'beforeCreateMany', 'beforeUpdate', 'beforeUpdateMany'] as const;

/** The Query Engine's model of a uid, from its metadata (components and media are relations there). */
function modelReader(strapi: Core.Strapi): ModelOf {
  const cache = new Map<string, ReturnType<ModelOf>>();
  return (uid) => {
    if (cache.has(uid)) return cache.get(uid);
    let meta: Metadata | undefined;
    try {
      meta = strapi.db.metadata.get(uid) as unknown as Metadata;
    } catch {
      meta = undefined;
    }
    const model = meta
      ? {
          attributes: meta.attributes,
          columns: new Set(
            Object.entries(meta.attributes).flatMap(([name, a]) => [a.columnName ?? name, ...(a.joinColumn?.name ? [a.joinColumn.name] : [])]),
          ),
        }
      : undefined;
    cache.set(uid, model);
    return model;
  };
}

function refuse(problems: ValueProblem[]): never {
  throw new errors.ValidationError(problems.map((p) => p.message).join(' '), {
    errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError', value: null })),
  });
}

/**
 * Checks every Query Engine call (so every route, every plugin, the content manager alike)
 * before its SQL runs: a value PostgreSQL cannot read is a 400 naming the parameter, in French,
 * instead of a database error answered 500. Nothing is written on a refused call.
 */
export function registerValueGuard(strapi: Core.Strapi): void {
  const modelOf = modelReader(strapi);
  const subscriber: Record<string, (event: LifecycleEvent) => void> = {};
  for (const action of READS) {
    subscriber[action] = (event) => {
      const problems = queryProblems(event.params, event.model.uid, modelOf);
      if (problems.length) refuse(problems);
    };
  }
  for (const action of WRITES) {
    subscriber[action] = (event) => {
      const params = event.params ?? {};
      const rows = Array.isArray(params.data) ? params.data : [params.data];
      const problems = [...rows.flatMap((row) => dataProblems(row, event.model.uid, modelOf)), ...queryProblems(params, event.model.uid, modelOf)];
      if (problems.length) refuse(problems);
    };
  }
  strapi.db.lifecycles.subscribe(subscriber);
}

interface DocumentContext {
  uid: string;
  action: string;
  params?: { data?: unknown };
}

/**
 * The same check on the data of a Document Service create or update, before anything reads it:
 * the app's own rules (numbering by year, conventions) then only ever see values that exist.
 */
export function documentDataGuard(strapi: Core.Strapi) {
  const modelOf = modelReader(strapi);
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (ctx.action === 'create' || ctx.action === 'update') {
      const problems = dataProblems(ctx.params?.data, ctx.uid, modelOf);
      if (problems.length) refuse(problems);
    }
    return next();
  };
}
