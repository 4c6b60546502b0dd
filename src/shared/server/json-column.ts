/**
 * A JSON/JSONB column read with knex or raw SQL. Strapi's PostgreSQL dialect switches JSON
 * parsing off on the process-wide `pg` module, so these columns come back as text: parse them
 * here, in one place (a value already parsed, or null, is returned as is).
 */
export function jsonColumn<T>(value: T | string | null): T | null {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
