import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { onServer, withDatabase, adminUrl } from './app';

const root = path.resolve(__dirname, '..', '..');

/** One app process (`strapi start` on the compiled app), as a second server would run it. */
export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process printed, line by line. */
  lines: string[];
  /** Sends a signal and resolves with the exit code once the process is gone. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A database of its own, copied from a template, for processes that share it; `drop` removes it. */
export async function sharedDatabase(template: 'base' | 'demo'): Promise<{ url: string; drop: () => Promise<void> }> {
  const templates = JSON.parse(process.env.SV_TEST_TEMPLATES ?? '{}') as Record<string, string>;
  const database = `sv_t_${crypto.randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${database} TEMPLATE ${templates[template]}`);
  return { url: withDatabase(adminUrl(), database), drop: () => onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

/** Starts `strapi start` on `databaseUrl` and resolves once it answers HTTP. */
export async function startInstance(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), STRAPI_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let tail = '';
  const collect = (chunk: Buffer) => {
    const text = tail + chunk.toString('utf8');
    const parts = text.split('\n');
    tail = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    name,
    url,
    child,
    lines,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`${name} s'est arrêtée au démarrage :\n${lines.slice(-30).join('\n')}`);
    try {
      const res = await fetch(`${url}/_health/live`);
      if (res.status < 500) return instance;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await instance.stop('SIGKILL');
  throw new Error(`${name} ne répond pas :\n${lines.slice(-30).join('\n')}`);
}

/** A JSON request to an instance (admin routes take the admin JWT). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- like supertest's res.body: each test reads the JSON it expects
export async function call(instance: Instance, method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${instance.url}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: res.status, body: parsed };
}

/** Polls `check` every 200 ms until it is true; throws naming `what` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string | (() => string), timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`attendu en vain : ${typeof what === 'function' ? what() : what}`);
}
