import type { Core } from '@strapi/strapi';

// PostgreSQL only. `npm run develop|start|seed` and the tests start an embedded server and set
// DATABASE_URL themselves when it is not given (scripts/with-db.mjs).
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  // The fallback is the embedded server's address: the build and the type generation load
  // this file too, without any database.
  const connectionString = env(
    'DATABASE_URL',
    `postgres://postgres:postgres@127.0.0.1:${env.int('EMBEDDED_DB_PORT', 5433)}/seconde_vie`
  );
  const url = new URL(connectionString);
  return {
    connection: {
      client: 'postgres',
      connection: {
        connectionString,
        host: url.hostname,
        port: Number(url.port || 5432),
        database: decodeURIComponent(url.pathname.replace(/^\//, '')),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        ssl: env.bool('DATABASE_SSL', false)
          ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
          : false,
        schema: env('DATABASE_SCHEMA', 'public'),
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};

export default config;
