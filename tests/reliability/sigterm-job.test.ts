import { Client } from 'pg';
import { DEV_ADMIN } from '../helpers/admin';
import { call, sharedDatabase, startInstance, waitUntil, type Instance } from '../helpers/instances';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { sendCollegeCampaign } from './campaign';

// SIGTERM while an instance works the outreach queue (one e-mail a minute: its job is waiting
// between two sends): the instance stops cleanly, leaves nothing claimed, and another instance
// finishes the campaign without sending any e-mail twice.
let smtp: SmtpCapture;
let db: { url: string; drop: () => Promise<void> };
let sql: Client;
const running: Instance[] = [];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  db = await sharedDatabase('demo');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await Promise.all(running.map((i) => i.stop()));
  await sql?.end();
  await db?.drop();
  await smtp?.stop();
});

const env = (perMinute: string) => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), OUTREACH_SEND_PER_MINUTE: perMinute, JOBS_POLLING_SECONDS: '0.5' });

it('a SIGTERM mid-campaign stops the instance cleanly; another one sends the rest, each e-mail once', async () => {
  const a = await startInstance('A', db.url, env('1'));
  running.push(a);
  const login = await call(a, 'POST', '/admin/login', undefined, DEV_ADMIN);
  expect(login.status).toBe(200);
  const token = login.body.data.token as string;
  const { id, emails } = await sendCollegeCampaign(a, a, token, 'Arrêt');
  expect(emails).toBeGreaterThan(1);
  const mails = () => smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Arrêt : '));
  await smtp.waitFor((m) => String(m.parsed.subject).startsWith('Arrêt : '), 60_000);

  expect(await a.stop('SIGTERM')).toBe(0);
  // The job was running (waiting for the next minute) and ended with the instance.
  expect(a.lines.some((l) => /\[jobs\] fin file=outreach-send id=/.test(l))).toBe(true);
  const left = await sql.query(
    `SELECT count(*) FILTER (WHERE r.sending_at IS NOT NULL)::int AS claimed, count(*) FILTER (WHERE r.delivery = 'pending')::int AS pending
       FROM sv_outreach_recipients r JOIN sv_outreach_recipients_campaign_lnk l ON l.recipient_id = r.id
       JOIN sv_outreach_campaigns c ON c.id = l.campaign_id WHERE c.document_id = $1`,
    [id],
  );
  expect(left.rows[0]).toEqual({ claimed: 0, pending: emails - mails().length });
  expect(mails()).toHaveLength(1);

  const b = await startInstance('B', db.url, env('600'));
  running.push(b);
  await waitUntil(async () => (await call(b, 'GET', `/outreach/campaigns/${id}/progress`, token)).body.data?.status === 'sent', 'la campagne envoyée par B');
  const addresses = mails().map((m) => m.to.join(','));
  expect(addresses).toHaveLength(emails);
  expect(new Set(addresses).size).toBe(emails);
});
