// `npm test` sets up everything it needs itself (database, admin account, SMTP, URLs): the
// developer's `.env` and shell settings of the app must not leak into it. Strapi loads
// `process.env.ENV_PATH` (default: `.env` of the working directory) when it is first required,
// and dotenv never overrides a variable already set, so both the file and the shell are shut out.
import fs from 'node:fs';
import path from 'node:path';

/** The only settings a developer may give the tests (README § Configuration). */
export const TEST_SETTINGS = ['TEST_DATABASE_URL', 'CHROMIUM_PATH'];

/** Other names the app reads that `.env.example` does not list (aliases). */
const ALIASES = ['TRUST_PROXY', 'ADMIN_PATH', 'STRAPI_ADMIN_BACKEND_URL'];

/** The names of the app's settings, read from `.env.example` (set or commented out). */
export function settingNames(exampleText) {
  const names = new Set(ALIASES);
  for (const line of exampleText.split(/\r?\n/)) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * Removes the app's settings from `env` (except TEST_SETTINGS) and points Strapi's dotenv at a
 * file that does not exist. Returns the names it removed.
 */
export function makeHermetic(env, root) {
  const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
  const removed = [];
  for (const name of settingNames(example)) {
    if (TEST_SETTINGS.includes(name) || env[name] === undefined) continue;
    delete env[name];
    removed.push(name);
  }
  env.ENV_PATH = path.join(root, 'tests', 'setup', 'no-such-file.env');
  env.NODE_ENV = 'test';
  env.STRAPI_TELEMETRY_DISABLED = 'true';
  // The scheduled tasks fire by the clock (household retention at 03:00, digests at 07:00…): a
  // suite running at that hour must not see them change its data. A test of the schedules turns
  // them on for its own processes (tests/reliability/two-instances.test.ts).
  env.CRON_ENABLED = 'false';
  return removed;
}
