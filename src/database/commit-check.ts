import type { Core } from '@strapi/strapi';

interface Transactor {
  commit: (value?: unknown) => Promise<unknown>;
  executionPromise: Promise<unknown>;
}

/**
 * knex's `trx.commit()` resolves even when COMMIT fails (the connection died under it): only
 * `trx.executionPromise` rejects. Strapi's `db.transaction` awaits `commit()` alone, so a move
 * PostgreSQL never saved was answered 200 and its after-commit side effects ran. Here a failed
 * COMMIT throws, which `db.transaction` turns into an error (503 for a lost connection).
 */
export function failOnFailedCommit(strapi: Core.Strapi): void {
  // `knex.transaction` is read-only and calls `knex.context.transaction`: wrap that one.
  const context = (strapi.db.connection as unknown as { context: { transaction: (...args: unknown[]) => unknown } }).context;
  const original = context.transaction.bind(context);
  context.transaction = (...args: unknown[]) => {
    // With a handler, knex already rejects on a failed COMMIT.
    if (typeof args[0] === 'function') return original(...args);
    return (original(...args) as Promise<Transactor>).then((trx) => {
      const commit = trx.commit.bind(trx);
      trx.commit = async (value?: unknown) => {
        const result = await commit(value);
        await trx.executionPromise;
        return result;
      };
      return trx;
    });
  };
}
