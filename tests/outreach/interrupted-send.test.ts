import { startApp, type TestApp } from '../helpers/app';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';

// A process that died after an e-mail left and before its delivery was recorded leaves the
// recipient claimed (`sending_at` set, still `pending`). The queue must record it as failed with
// a French reason and never send it again: a duplicate e-mail is worse than a missing one.
let smtp: SmtpCapture;
let app: TestApp;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.OUTREACH_SEND_PER_MINUTE = '600';
  app = await startApp('demo');
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const status = async (id: string) =>
  (await app.sql.query('SELECT status FROM sv_outreach_campaigns WHERE document_id = $1', [id])).rows[0].status as string;

async function waitForStatus(id: string, wanted: string): Promise<void> {
  for (let i = 0; i < 300 && (await status(id)) !== wanted; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await status(id)).toBe(wanted);
}

it('records an e-mail whose send was interrupted as failed, with the reason, and never sends it again', async () => {
  const outreach = app.strapi.plugin('outreach');
  const campaign = await outreach.service('campaigns').create(
    { name: 'Interrompue en plein envoi', audience: { target: 'prescriber', kinds: ['college'] }, channel: 'email', subject: 'Envoi : {{structure.name}}', body: 'Texte.', reminderDays: 21 },
    'Test',
  );
  await outreach.service('sender').send(campaign.documentId, { id: null, name: 'Test' });
  await waitForStatus(campaign.documentId, 'sent');
  const { rows } = await app.sql.query(
    `SELECT r.id, r.email FROM sv_outreach_recipients r JOIN sv_outreach_recipients_campaign_lnk l ON l.recipient_id = r.id
       JOIN sv_outreach_campaigns c ON c.id = l.campaign_id WHERE c.document_id = $1 ORDER BY r.id LIMIT 1`,
    [campaign.documentId],
  );
  const { id, email } = rows[0] as { id: number; email: string };
  const before = smtp.messages.filter((m) => m.to.includes(email)).length;
  expect(before).toBe(1);

  // The state a crash between the SMTP send and the record leaves behind.
  await app.sql.query("UPDATE sv_outreach_recipients SET delivery = 'pending', sent_at = NULL, sending_at = now() WHERE id = $1", [id]);
  await app.sql.query("UPDATE sv_outreach_campaigns SET status = 'sending' WHERE document_id = $1", [campaign.documentId]);
  outreach.service('sender').kick();
  await waitForStatus(campaign.documentId, 'sent');

  const after = (await app.sql.query('SELECT delivery, error, sending_at FROM sv_outreach_recipients WHERE id = $1', [id])).rows[0];
  expect(after).toEqual({
    delivery: 'failed',
    error: "Envoi interrompu (arrêt du serveur pendant l'envoi) : l'e-mail est peut-être parti ; il n'est pas renvoyé automatiquement.",
    sending_at: null,
  });
  const progress = await outreach.service('sender').progress(campaign.documentId);
  expect(progress.failed).toBe(1);
  // Give the queue the time of more sends: still one e-mail to that address.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
});
