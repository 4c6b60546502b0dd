import net from 'node:net';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';

// An SMTP server that cannot be reached: each e-mail is recorded as failed with a French reason,
// the campaign still finishes, and nothing is retried behind the staff's back.
let app: TestApp;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(await closedPort());
  process.env.OUTREACH_SEND_PER_MINUTE = '600';
  app = await startApp('demo');
  jwt = await staffToken(app, 'seconde-vie-coordination', 'coordination-failures@atelier.test');
});

afterAll(async () => {
  await app?.stop();
});

it('records each e-mail the SMTP server could not take as failed, with the reason in French', async () => {
  const created = await app.http().post('/outreach/campaigns').set(auth()).send({
    name: 'Serveur injoignable', audience: { target: 'prescriber', kinds: ['college'] }, channel: 'email',
    subject: 'Bonjour {{structure.name}}', body: 'Texte.',
  }).expect(201);
  const id = created.body.data.documentId as string;
  const sent = await app.http().post(`/outreach/campaigns/${id}/send`).set(auth()).expect(200);
  let progress = { status: 'sending', failed: 0 };
  for (let i = 0; i < 300 && progress.status !== 'sent'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    progress = (await app.http().get(`/outreach/campaigns/${id}/progress`).set(auth()).expect(200)).body.data;
  }
  expect(progress).toMatchObject({ status: 'sent', failed: sent.body.data.emails, sent: 0, pending: 0 });
  const recipients = (await app.http().get(`/outreach/campaigns/${id}/recipients`).set(auth()).expect(200)).body.data as Array<{ delivery: string; error: string; sentAt: string | null }>;
  for (const r of recipients) {
    expect(r.delivery).toBe('failed');
    expect(r.error).toMatch(/^Refusé par le serveur d'envoi : /);
    expect(r.sentAt).toBeNull();
  }
});
