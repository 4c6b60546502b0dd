import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';

/**
 * A field path in `sort` (`name`, `donor.name`, with an optional `:asc`/`:desc`) has no empty
 * segment. Strapi answers `sort=a..b` with a 400, but a path starting with a dot (`sort=.name`,
 * `sort=../../etc/passwd`) reaches its query builder, which throws « Attribute not found » as a
 * 500, on every content-API and content-manager route.
 */
export function badSortPaths(sort: unknown): string[] {
  const paths: string[] = [];
  const visit = (value: unknown, prefix = ''): void => {
    if (typeof value === 'string') {
      for (const part of value.split(',')) paths.push(prefix + part.split(':')[0].trim());
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, prefix);
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        // `sort[name]=asc` or `sort[donor][name]=desc`: the keys are the path.
        if (typeof v === 'string' && /^(asc|desc)$/i.test(v.trim())) paths.push(prefix + key);
        else visit(v, `${prefix}${key}.`);
      }
    }
  };
  visit(sort);
  return paths.filter((p) => p.split('.').some((segment) => segment.trim() === ''));
}

/** Refuses a malformed `sort` with a French 400 before any route reads it. */
export default () =>
  async (ctx: Context, next: Next): Promise<void> => {
    const sort = (ctx.query as Record<string, unknown> | undefined)?.sort;
    if (sort !== undefined) {
      const bad = badSortPaths(sort);
      if (bad.length > 0) {
        throw new errors.ValidationError(`Le paramètre « sort » est invalide : « ${bad[0].slice(0, 80)} » ne désigne aucun champ (exemple : sort=name:asc).`);
      }
    }
    await next();
  };
