import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

export const DATABASE_UNAVAILABLE_MESSAGE =
  'La base de données est momentanément indisponible : rien n’a été enregistré par cette requête. Réessayez dans quelques secondes.';

/** Seconds a client is asked to wait (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

/** PostgreSQL codes of a server that is gone, stopping or starting: class 08, admin/crash shutdown, starting up, too many connections. */
const UNAVAILABLE_CODES = /^(08...|57P0[123]|53300)$/;
/** Socket failures of the driver. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres's own errors on a lost connection (they carry no code); knex puts the SQL in front of the message. */
const DRIVER_MESSAGES = /(Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect)/;

/**
 * True when `error` says the database cannot be reached (down, restarting, pool starved), as
 * opposed to a query it refused. Looks through wrappers (`cause`, `errors`, `originalError`).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown; originalError?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.test(e.code) || SOCKET_CODES.has(e.code))) return true;
  // knex: every pooled connection is busy or none can be opened.
  if (e.name === 'KnexTimeoutError') return true;
  if (typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message)) return true;
  const inner = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => isDatabaseUnavailable(i, depth + 1));
}

/**
 * knex's answer to a query sent on a transaction whose connection already died: the real cause
 * (a lost connection) was reported to the transaction, not to this query. It could also be a bug
 * (a query after commit), so the database is asked before calling it unavailable.
 */
const TRANSACTION_ALREADY_COMPLETE = /Transaction query already complete/;

/** True when the database does not answer a trivial query within 1.5 s. */
async function databaseDown(strapi: Core.Strapi): Promise<boolean> {
  try {
    await strapi.db.connection.raw('SELECT 1').timeout(1500, { cancel: false });
    return false;
  } catch {
    return true;
  }
}

/** The PDF renderer's own failures (crash, timeout, closed at shutdown): their message is French and names no path. */
const isRenderError = (error: unknown): error is Error => error instanceof Error && error.name === 'RenderError';

/**
 * Inside `strapi::errors`: a request that fails because the database is unreachable, or because
 * the PDF renderer is down or closing, gets a 503 with a French message and Retry-After, not a
 * 500. What it ran in a transaction is rolled back by PostgreSQL, so nothing of it was written;
 * any other error goes on to Strapi's handler.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      const database =
        isDatabaseUnavailable(error) ||
        (error instanceof Error && TRANSACTION_ALREADY_COMPLETE.test(error.message) && (await databaseDown(strapi)));
      if (!database && !isRenderError(error)) throw error;
      strapi.log.warn(`${database ? 'Base de données injoignable' : 'Moteur de rendu indisponible'} (${ctx.method} ${ctx.path}) : ${(error as Error).message}`);
      ctx.status = 503;
      ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: database ? DATABASE_UNAVAILABLE_MESSAGE : (error as Error).message, details: {} } };
    }
  };
