import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';

const root = path.resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Sends one message with nodemailer (as the app's provider does) to 127.0.0.1:SMTP_PORT. */
const SENDER = `
const nodemailer = require('nodemailer');
const t = nodemailer.createTransport({ host: '127.0.0.1', port: Number(process.env.SMTP_PORT), secure: false, ignoreTLS: true });
t.sendMail({
  from: 'atelier@seconde-vie.test', to: 'donateur@example.org',
  subject: 'Attestation d’effacement ATT-2026-000042 — Atelier',
  text: 'Bonjour, voici l’attestation.',
  attachments: [{ filename: 'ATT-2026-000042.pdf', content: Buffer.from('%PDF-1.7 capture'), contentType: 'application/pdf' }],
}).then(() => { console.log('ENVOYE'); process.exit(0); }, (e) => { console.log('ECHEC ' + e.code); process.exit(3); });
`;

/** Runs `scripts/with-db.mjs node -e SENDER` as `npm run develop` would run the app. */
function withDb(env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'with-db.mjs'), process.execPath, '-e', SENDER], { cwd: root, env: childEnv });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('development mail capture (scripts/with-db.mjs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-mail-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // DATABASE_URL is set so with-db starts no PostgreSQL: only the mail capture is under test.
  const base = { DATABASE_URL: 'postgres://inutilise@127.0.0.1:1/x', NODE_ENV: undefined, SMTP_HOST: undefined };

  it('captures what the app sends into an .eml file named after the subject, and logs its path', async () => {
    const port = await freePort();
    const { code, out } = await withDb({ ...base, SMTP_PORT: String(port), MAIL_CAPTURE_DIR: dir });
    expect(out).toContain('ENVOYE');
    expect(code).toBe(0);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-attestation-d-effacement-att-2026-000042-atelier\.eml$/);
    expect(out).toContain(`E-mail capturé : ${path.join(dir, files[0])}`);
    const mail = await simpleParser(fs.readFileSync(path.join(dir, files[0])));
    expect(mail.subject).toBe('Attestation d’effacement ATT-2026-000042 — Atelier');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['ATT-2026-000042.pdf', '%PDF-1.7 capture']]);
  });

  it('starts no capture when SMTP_HOST is set, nor in production', async () => {
    for (const env of [{ SMTP_HOST: '127.0.0.1' }, { NODE_ENV: 'production' }]) {
      const port = await freePort();
      const { code, out } = await withDb({ ...base, ...env, SMTP_PORT: String(port), MAIL_CAPTURE_DIR: dir });
      // Nothing listens on that port: the real send fails, and nothing is written.
      expect(out).toContain('ECHEC');
      expect(code).toBe(3);
      expect(out).not.toContain('E-mails capturés');
      expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
    }
  });
});
