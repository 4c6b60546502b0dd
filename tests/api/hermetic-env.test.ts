import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

// The README's set-up (copy .env.example to .env, set ADMIN_EMAIL…) must not change what
// `npm test` builds: it runs its own database, admin account, SMTP and URLs.
const root = path.resolve(__dirname, '..', '..');

const HOSTILE = {
  ADMIN_EMAIL: 'hostile@example.org',
  ADMIN_PASSWORD: 'Hostile-Password-1',
  WORKSHOP_NAME: 'Atelier hostile',
  SMTP_HOST: 'smtp.hostile.invalid',
  PUBLIC_URL: 'https://hostile.invalid',
  DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/nowhere',
  NODE_ENV: 'production',
};

const asEnvFile = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

function adminUrl(): string {
  const url = process.env.SV_TEST_ADMIN_URL;
  if (!url) throw new Error('SV_TEST_ADMIN_URL manque : les tests se lancent par "npm test".');
  return url;
}

async function onServer<T>(database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  const client = new Client({ connectionString: u.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs the suite's own global setup in a child whose shell has the hostile settings. */
function runGlobalSetup(template: string): Promise<{ code: number | null; out: string }> {
  const script = `
    const { default: setup } = await import(${JSON.stringify(path.join(root, 'tests', 'setup', 'global-setup.mjs'))});
    await setup(undefined, undefined, { templates: { base: ${JSON.stringify(template)} } });
    console.log('ENV ' + JSON.stringify({ ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? null, SMTP_HOST: process.env.SMTP_HOST ?? null, PUBLIC_URL: process.env.PUBLIC_URL ?? null }));
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, ...HOSTILE, TEST_DATABASE_URL: adminUrl() },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('npm test is hermetic', () => {
  it('builds its database with the demo account and default workshop, whatever the .env and the shell say', async () => {
    const envFile = path.join(root, '.env');
    // A developer's own .env is left alone (and must be ignored just the same); otherwise a hostile one is written.
    const wrote = !fs.existsSync(envFile);
    if (wrote) fs.writeFileSync(envFile, asEnvFile(HOSTILE));
    const template = `sv_t_hermetic_${crypto.randomBytes(4).toString('hex')}`;
    try {
      const { code, out } = await runGlobalSetup(template);
      expect({ code, tail: out.slice(-2000) }).toEqual({ code: 0, tail: expect.stringContaining('ENV ') });
      const env = JSON.parse(/ENV (.*)/.exec(out)![1]) as Record<string, string | null>;
      expect(env).toEqual({ ADMIN_EMAIL: null, SMTP_HOST: null, PUBLIC_URL: null });

      const { admins, workshops } = await onServer(template, async (c) => ({
        admins: (await c.query<{ email: string }>('SELECT email FROM admin_users ORDER BY id')).rows.map((r) => r.email),
        workshops: (await c.query<{ name: string }>('SELECT name FROM workshops ORDER BY id')).rows.map((r) => r.name),
      }));
      expect(admins).toEqual(['admin@seconde-vie.test']);
      expect(workshops).toEqual(['Atelier Seconde Vie']);
    } finally {
      if (wrote) fs.rmSync(envFile, { force: true });
      await onServer('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
    }
  });

  it('runs every test file without the app settings of the shell it was started from', () => {
    expect(process.env.ENV_PATH).toBe(path.join(root, 'tests', 'setup', 'no-such-file.env'));
    expect(fs.existsSync(process.env.ENV_PATH!)).toBe(false);
    expect(process.env.NODE_ENV).toBe('test');
  });
});
