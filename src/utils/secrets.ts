import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Finds the project root (the folder of this app's package.json), from source or from dist. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'seconde-vie') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

type SecretStore = Record<string, string>;

const storeFile = (): string => path.join(projectRoot(), '.data', 'dev-secrets.json');

function readStore(): SecretStore {
  try {
    return JSON.parse(fs.readFileSync(storeFile(), 'utf8')) as SecretStore;
  } catch {
    return {};
  }
}

/**
 * Returns the secret `name` from the environment. In production a missing secret stops the
 * app; elsewhere one is generated once and kept in `.data/dev-secrets.json` (git-ignored) so
 * sessions and tokens survive a restart.
 */
export function secret(name: string, value: string | undefined, bytes = 24): string {
  if (value) return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(
      `La variable d'environnement ${name} est obligatoire en production (voir .env.example).`
    );
  }
  const store = readStore();
  if (!store[name]) {
    store[name] = crypto.randomBytes(bytes).toString('base64');
    fs.mkdirSync(path.dirname(storeFile()), { recursive: true });
    fs.writeFileSync(storeFile(), JSON.stringify(store, null, 2), { mode: 0o600 });
  }
  return store[name];
}

/** Same as `secret`, for a comma-separated list of keys (APP_KEYS). */
export function secretList(name: string, value: string[] | undefined, count = 4): string[] {
  if (value && value.length > 0 && value.every(Boolean)) return value;
  if (process.env.NODE_ENV === 'production') return [secret(name, undefined)];
  return Array.from({ length: count }, (_, i) => secret(`${name}_${i + 1}`, undefined, 16));
}
