import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { removeUploads } from '../documents/helpers/admin';

// Finding 7: a multipart request leaves nothing in the temporary folder, on any route, answered
// or refused; only the routes that take files parse them, each within its own limit.

// Every file sent carries this mark: a file of the system's temporary folder holding it was left
// by this test file's requests, whatever else other processes write there.
const MARK = `sv-security-uploads-${crypto.randomBytes(8).toString('hex')}`;
const TMP = os.tmpdir();
let since = 0;

let app: TestApp;
let jwt: string;

function holdsMark(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(256);
    const read = fs.readSync(fd, head, 0, 256, 0);
    return head.subarray(0, read).toString('latin1').includes(MARK);
  } finally {
    fs.closeSync(fd);
  }
}

/** Files this test's requests left in the temporary folder (or in a folder of the app's in it). */
function leftovers(): string[] {
  const out: string[] = [];
  const visit = (full: string, ownFolder: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      return;
    }
    if (stat.mtimeMs < since) return;
    if (stat.isDirectory()) {
      if (ownFolder) for (const entry of fs.readdirSync(full)) visit(path.join(full, entry), true);
    } else if (stat.isFile() && (ownFolder || holdsMark(full))) {
      out.push(path.relative(TMP, full));
    }
  };
  for (const entry of fs.readdirSync(TMP)) visit(path.join(TMP, entry), entry.startsWith('seconde-vie-upload-'));
  return out;
}

/** Strapi used to remove what it removed without waiting: give it the time it would take. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const SMALL = Buffer.from(`%PDF-1.4\n% ${MARK}\n`);

beforeAll(async () => {
  app = await startApp('base');
  jwt = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  // What the old parser left behind: this test's files only, marked.
  since = 0;
  for (const file of leftovers().filter((f) => holdsMark(path.join(TMP, f)))) fs.rmSync(path.join(TMP, file), { force: true });
});

beforeEach(() => {
  since = Date.now() - 1000;
});

describe('multipart requests', () => {
  it('are refused, unread, on a route that takes no file, whatever the parts are called', async () => {
    const login = await app.http().post('/api/auth/local').field('identifier', 'x@y.fr').attach('x', SMALL, 'a.pdf');
    expect(login.status).toBe(415);
    expect(login.body.error.message).toBe('Cette adresse ne reçoit pas de fichier : envoyez les données en JSON ou en formulaire simple.');
    const offer = await app.http().post('/donner').attach('message', SMALL, 'a.pdf');
    expect(offer.status).toBe(415);
    await app.http().post('/api/prescriptions').attach('data', SMALL, 'a.pdf');
    await settle();
    expect(leftovers()).toEqual([]);
  });

  it('leave nothing behind when the upload is refused for want of a login', async () => {
    const res = await app.http().post('/upload').attach('files', SMALL, 'a.pdf').attach('autre', SMALL, 'b.pdf');
    expect(res.status).toBe(401);
    const intake = await app.http().post('/intake/donations/abc/dry-run').attach('file', SMALL, 'parc.csv');
    expect(intake.status).toBe(401);
    await settle();
    expect(leftovers()).toEqual([]);
  });

  it('leave nothing behind on success, nor when the route answers an error', async () => {
    const unknown = await app.http().post('/verify/ATT-2099-999999').attach('file', SMALL, { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(unknown.status).toBeLessThan(500);
    const missing = await app.http().post('/intake/donations/inconnu/dry-run').set('Authorization', `Bearer ${jwt}`).attach('file', SMALL, 'parc.csv');
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    const uploaded = await app.http().post('/upload').set('Authorization', `Bearer ${jwt}`).attach('files', SMALL, { filename: 'note.pdf', contentType: 'application/pdf' }).attach('intrus', SMALL, 'intrus.pdf');
    expect(uploaded.status).toBe(201);
    await settle();
    expect(leftovers()).toEqual([]);
  });

  it('are held to each route’s own size and count, with a French message, leaving nothing', async () => {
    const big = Buffer.concat([SMALL, Buffer.alloc(21 * 1024 * 1024, 'a')]);
    const tooBig = await app.http().post('/verify/ATT-2099-999999').attach('file', big, 'gros.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toBe('Envoi trop volumineux : 20 Mo de fichiers au plus pour cette adresse.');
    const two = await app.http().post('/intake/donations/abc/dry-run').set('Authorization', `Bearer ${jwt}`).attach('file', SMALL, 'a.csv').attach('file', SMALL, 'b.csv');
    expect(two.status).toBe(413);
    expect(two.body.error.message).toBe('Trop de fichiers : 1 au plus pour cette adresse.');
    await settle();
    expect(leftovers()).toEqual([]);
  });
});
