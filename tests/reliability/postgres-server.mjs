// A PostgreSQL server of its own for a fault test (tests/reliability/postgres-restart.test.ts),
// never the suite's shared one. Prints "ready" once it accepts connections; on SIGTERM it stops
// PostgreSQL the fast way (every session cut, transactions in flight rolled back) and exits.
// Usage: node postgres-server.mjs <data dir> <port>
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';

const [dataDir, port] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true });
process.stdout.write('ready\n');
const keepAlive = setInterval(() => undefined, 1 << 30);
process.once('SIGTERM', async () => {
  clearInterval(keepAlive);
  await server.stop();
  process.exit(0);
});
