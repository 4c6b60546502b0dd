import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, removeUploads } from './helpers/admin';

/** A real SMTP server that refuses every address at refuse.example (550) and accepts the others. */
let server: SMTPServer;
const delivered: string[][] = [];
let app: TestApp;
let token: string;
let document: { documentId: string };
const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refuse.example')) {
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered.push(session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  process.env.SMTP_PORT = String((server.server.address() as AddressInfo).port);
  app = await startApp('demo');
  token = await adminToken(app);
  const row = await app.strapi.db.query('api::convention.convention').findOne({ where: { kind: 'membership' } });
  document = (await app.http().post('/documents/generate').set(auth()).send({ kind: 'membership-convention', documentId: row.documentId })).body.data;
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('an SMTP server that refuses recipients', () => {
  it('answers 502 in French when every recipient is refused, and records the failed sending', async () => {
    const res = await app.http().post(`/documents/generated/${document.documentId}/send`).set(auth()).send({ to: 'direction@refuse.example' });
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(/a refusé l'envoi/);
    expect(res.body.error.details.sending).toMatchObject({ status: 'failed', recipients: ['direction@refuse.example'] });
    expect(delivered).toEqual([]);
  });

  it('records a partial sending, naming the refused address, when the others were accepted', async () => {
    const res = await app.http().post(`/documents/generated/${document.documentId}/send`).set(auth()).send({ to: 'accueil@cdas.example, direction@refuse.example' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'partial', error: expect.stringContaining('direction@refuse.example') });
    expect(delivered).toEqual([['accueil@cdas.example']]);
    const rows = (await app.sql.query('SELECT status FROM documents_sendings ORDER BY id')).rows.map((r) => r.status);
    expect(rows).toEqual(['failed', 'partial']);
  });
});
