#!/usr/bin/env node
// npm run seed: loads the demo data (idempotent). Run through with-db.mjs.
import path from 'node:path';
import { createRequire } from 'node:module';
import { compile, root, withStrapi } from './lib/strapi-app.mjs';

const require = createRequire(import.meta.url);

await compile();
const started = Date.now();
const report = await withStrapi(async (strapi) => {
  const { seedDemo } = require(path.join(root, 'dist', 'src', 'seed', 'demo.js'));
  return seedDemo(strapi);
});
const created = Object.entries(report.created);
console.log(
  created.length === 0
    ? 'Données de démonstration déjà chargées : rien à ajouter.'
    : `Données de démonstration chargées en ${((Date.now() - started) / 1000).toFixed(1)} s : ${created.map(([k, n]) => `${n} ${k}`).join(', ')}.`
);
process.exit(0);
