import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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

let cached: Promise<string> | null = null;

/**
 * The Chromium binary: CHROMIUM_PATH when set (e.g. /usr/bin/chromium), else the one shipped
 * inside the @sparticuz/chromium npm package, unpacked once to the temp folder.
 */
export function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return Promise.resolve(process.env.CHROMIUM_PATH);
  // The package is ESM-only and this app is CommonJS: ask a short-lived ESM process.
  cached ??= run(process.execPath, [
    '--input-type=module',
    '-e',
    "const { default: c } = await import('@sparticuz/chromium'); process.stdout.write(await c.executablePath());",
  ]).then(({ stdout }) => stdout.trim());
  return cached;
}
