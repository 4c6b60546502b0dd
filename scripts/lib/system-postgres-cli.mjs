#!/usr/bin/env node
// Shell access to system-postgres.mjs, for scripts that are not Node:
//   node scripts/lib/system-postgres-cli.mjs start <state.json>   (writes url, version, folders)
//   node scripts/lib/system-postgres-cli.mjs stop <state.json>
import fs from 'node:fs';
import pg from 'pg';
import { startSystemPostgres, stopSystemPostgres } from './system-postgres.mjs';

const [command, stateFile] = process.argv.slice(2);
if (command === 'start' && stateFile) {
  const server = await startSystemPostgres();
  const url = server.url('seconde_vie');
  const client = new pg.Client({ connectionString: server.url('postgres') });
  await client.connect();
  await client.query('CREATE DATABASE seconde_vie');
  const version = (await client.query('SHOW server_version')).rows[0].server_version;
  await client.end();
  fs.writeFileSync(stateFile, JSON.stringify({ url, version, binDir: server.binDir, dataDir: server.dataDir, home: server.home }));
} else if (command === 'stop' && stateFile) {
  stopSystemPostgres(JSON.parse(fs.readFileSync(stateFile, 'utf8')));
  fs.rmSync(stateFile);
} else {
  console.error('usage : system-postgres-cli.mjs start|stop <state.json>');
  process.exit(2);
}
