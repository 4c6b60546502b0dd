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

/** At least this many characters: 16 random bytes in base64, what `.env.example` tells to generate, make 24. */
export const MIN_SECRET_LENGTH = 24;

/** Values of templates and tutorials, and words anyone would try first. */
const KNOWN_PLACEHOLDERS = /tobemodified|changeme|change-me|secret|password|motdepasse|example|exemple|default|admin|strapi|seconde-?vie|123456|azerty|qwerty/i;

/** Why a production secret is too weak to use, in French; null when it is fine. */
export function secretWeakness(value: string): string | null {
  if (value.length < MIN_SECRET_LENGTH) return `${value.length} caractère(s), il en faut au moins ${MIN_SECRET_LENGTH}`;
  if (new Set(value).size < 10) return 'trop peu de caractères différents';
  if (KNOWN_PLACEHOLDERS.test(value)) return "c'est une valeur d'exemple ou un mot courant";
  return null;
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
  if (value) {
    if (process.env.NODE_ENV === 'production') {
      const weakness = secretWeakness(value);
      if (weakness) throw new Error(`La variable d'environnement ${name} est trop faible pour la production : ${weakness} (voir .env.example).`);
    }
    return value;
  }
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
  if (value && value.length > 0 && value.every(Boolean)) return value.map((v) => secret(name, v));
  if (process.env.NODE_ENV === 'production') return [secret(name, undefined)];
  return Array.from({ length: count }, (_, i) => secret(`${name}_${i + 1}`, undefined, 16));
}
