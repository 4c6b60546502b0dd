#!/usr/bin/env node
// npm run demo: builds the app, loads the demo data and starts the server. Run through with-db.mjs.
import { spawnSync, spawn } from 'node:child_process';
import { root } from './lib/strapi-app.mjs';

const run = (args) => {
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(['strapi', 'ts:generate-types']);
run(['strapi', 'build']);
run(['node', 'scripts/seed.mjs']);

const port = process.env.PORT || 1337;
console.log(`\nSeconde Vie : http://localhost:${port}/admin`);
const server = spawn('npx', ['strapi', 'start'], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
