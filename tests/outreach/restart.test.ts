import crypto from 'node:crypto';
import { Client } from 'pg';
import { bootApp } from '../helpers/database';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';

// A stop in the middle of a campaign: the next boot sends what was pending, and nothing twice.
// Two app boots on one database, so this file manages its database itself.
let smtp: SmtpCapture;
let database: string;
let databaseUrl: string;

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env.SV_TEST_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const boot = () => bootApp(databaseUrl);

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  const templates = JSON.parse(process.env.SV_TEST_TEMPLATES ?? '{}') as Record<string, string>;
  database = `sv_t_${crypto.randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${database} TEMPLATE ${templates.demo}`);
  const u = new URL(String(process.env.SV_TEST_ADMIN_URL));
  u.pathname = `/${database}`;
  databaseUrl = u.toString();
});

afterAll(async () => {
  await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await smtp?.stop();
});

it('sends after a restart the e-mails a stop left pending, and none twice', async () => {
  // One e-mail a minute: the first goes, the app stops during the wait.
  process.env.OUTREACH_SEND_PER_MINUTE = '1';
  const first = await boot();
  const campaigns = first.plugin('outreach').service('campaigns');
  const campaign = await campaigns.create(
    { name: 'Interrompue', audience: { target: 'prescriber', kinds: ['college'] }, channel: 'email', subject: 'Bonjour {{structure.name}}', body: 'Texte.', reminderDays: 21 },
    'Test',
  );
  const sent = await first.plugin('outreach').service('sender').send(campaign.documentId, { id: null, name: 'Test' });
  expect(sent.emails).toBeGreaterThanOrEqual(2);
  await smtp.waitFor((m) => String(m.parsed.subject).startsWith('Bonjour '));
  await first.destroy();
  const pending = await query<{ delivery: string; n: number }>("SELECT delivery, COUNT(*)::int AS n FROM sv_outreach_recipients WHERE delivery = 'pending' GROUP BY delivery");
  expect(pending).toEqual([{ delivery: 'pending', n: sent.emails - 1 }]);
  expect(smtp.messages).toHaveLength(1);

  process.env.OUTREACH_SEND_PER_MINUTE = '600';
  const second = await boot();
  try {
    for (let i = 0; i < 300 && (await second.plugin('outreach').service('sender').progress(campaign.documentId)).status !== 'sent'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await second.plugin('outreach').service('sender').progress(campaign.documentId)).status).toBe('sent');
  } finally {
    await second.destroy();
  }
  const addresses = smtp.messages.map((m) => m.to.join(','));
  expect(addresses).toHaveLength(sent.emails);
  expect(new Set(addresses).size).toBe(sent.emails);
});
