import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ChromiumResolution } from '../../../../shared/server/renderer';

const run = promisify(execFile);

/** Flags that work headless as root on a machine with no network but loopback. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The npm package that ships a Chromium (a production dependency). */
export const NPM_CHROMIUM = '@sparticuz/chromium';

/** What the resolution reads from the machine (injected by the unit tests). */
export interface ChromiumProbe {
  /** True when `file` exists, is a file and this process may execute it. */
  isExecutable(file: string): boolean;
  /** True when the npm package can be loaded from the app. */
  npmPackageInstalled(): boolean;
}

const HOW_TO_FIX =
  'Installez Chromium (Debian/Ubuntu : « apt-get install chromium ») et indiquez-le par CHROMIUM_PATH=/usr/bin/chromium, ' +
  `ou laissez CHROMIUM_PATH vide et installez les dépendances de production (« npm ci --omit=dev » installe ${NPM_CHROMIUM}).`;

/**
 * Which Chromium the renderer will launch, checked without launching it. CHROMIUM_PATH wins:
 * a path (absolute, or relative to the working folder) or a bare name looked up in PATH
 * (`chromium`); else the Chromium shipped by the npm package. Never throws.
 */
export function resolveChromium(env: { CHROMIUM_PATH?: string; PATH?: string }, probe: ChromiumProbe): ChromiumResolution {
  const wanted = env.CHROMIUM_PATH?.trim();
  if (wanted) {
    if (wanted.includes('/')) {
      const file = path.resolve(wanted);
      if (probe.isExecutable(file)) return { ok: true, source: 'CHROMIUM_PATH', executable: file };
      return { ok: false, problem: `Chromium introuvable : CHROMIUM_PATH vaut « ${wanted} », qui n'existe pas ou n'est pas un programme exécutable. ${HOW_TO_FIX}` };
    }
    for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, wanted);
      if (probe.isExecutable(file)) return { ok: true, source: 'CHROMIUM_PATH', executable: file };
    }
    return { ok: false, problem: `Chromium introuvable : CHROMIUM_PATH vaut « ${wanted} », et aucun programme de ce nom n'est dans le PATH. ${HOW_TO_FIX}` };
  }
  if (probe.npmPackageInstalled()) return { ok: true, source: 'npm' };
  return { ok: false, problem: `Chromium introuvable : CHROMIUM_PATH n'est pas défini et le paquet npm ${NPM_CHROMIUM} n'est pas installé. ${HOW_TO_FIX}` };
}

/** The real machine. */
export const systemProbe: ChromiumProbe = {
  isExecutable(file) {
    try {
      if (!fs.statSync(file).isFile()) return false;
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  npmPackageInstalled() {
    // ESM-only, with no `./package.json` export: look for its folder the way Node would.
    const paths = require.resolve.paths(NPM_CHROMIUM) ?? [];
    return paths.some((dir) => fs.existsSync(path.join(dir, NPM_CHROMIUM, 'package.json')));
  },
};

/** Thrown by `chromiumPath()` when no Chromium can be found; `message` is French. */
export class ChromiumMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumMissingError';
  }
}

let cached: Promise<string> | null = null;

/**
 * The Chromium binary: CHROMIUM_PATH when set (e.g. /usr/bin/chromium, or `chromium` in PATH),
 * else the one shipped inside the @sparticuz/chromium npm package, unpacked once to the temp
 * folder.
 */
export function chromiumPath(): Promise<string> {
  const found = resolveChromium(process.env, systemProbe);
  if (!found.ok) return Promise.reject(new ChromiumMissingError(found.problem));
  if (found.source === 'CHROMIUM_PATH') return Promise.resolve(found.executable);
  // The package is ESM-only and this app is CommonJS: ask a short-lived ESM process.
  cached ??= run(process.execPath, [
    '--input-type=module',
    '-e',
    `const { default: c } = await import('${NPM_CHROMIUM}'); process.stdout.write(await c.executablePath());`,
  ]).then(({ stdout }) => stdout.trim());
  // A failed unpack is retried by the next call.
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
