import { Client } from 'pg';
import { DEV_ADMIN } from '../helpers/admin';
import { call, sharedDatabase, startInstance, waitUntil, type Instance } from '../helpers/instances';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { sendCollegeCampaign } from './campaign';
import { csv, GLPI_FR_HEADERS, glpiRow } from '../intake/fixtures';

// Two app processes (`strapi start` on the compiled app) on one database, as two servers behind a
// proxy would run: schedules fire once across both, races between them give one event, the
// outreach queue worked by both sends each e-mail once.
let smtp: SmtpCapture;
let db: { url: string; drop: () => Promise<void> };
let sql: Client;
let a: Instance;
let b: Instance;
let token: string;

const COORDINATORS = 'coordination@atelier.test';
const DIGEST = 'relations-digest';

beforeAll(async () => {
  smtp = await startSmtpCapture();
  db = await sharedDatabase('demo');
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  const env = {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    COORDINATORS_EMAIL: COORDINATORS,
    OUTREACH_SEND_PER_MINUTE: '600',
    // Every minute, in both processes: the digest of the demo's overdue steps to their owners.
    RELATIONS_DIGEST_CRON: '* * * * *',
    // The suite turns the schedules off (tests/setup/hermetic-env.mjs); this test is about them.
    CRON_ENABLED: 'true',
    JOBS_POLLING_SECONDS: '0.5',
  };
  // One after the other: the first start creates pg-boss's schema for both.
  a = await startInstance('A', db.url, env);
  b = await startInstance('B', db.url, env);
  const login = await call(a, 'POST', '/admin/login', undefined, { email: DEV_ADMIN.email, password: DEV_ADMIN.password });
  if (login.status !== 200) throw new Error(`login : ${login.status} ${JSON.stringify(login.body)}`);
  token = login.body.data.token;
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sql?.end();
  await db?.drop();
  await smtp?.stop();
});

/** What both instances logged about jobs, for a failure message. */
const jobLines = () => [...a.lines, ...b.lines].filter((l) => /\[jobs\]|erreur|error/i.test(l)).slice(-20).join('\n');

/** The job ids each instance logged as started on `queue`. */
const started = (instance: Instance, queue: string) =>
  instance.lines.map((l) => new RegExp(`\\[jobs\\] début file=${queue} id=([0-9a-f-]+)`).exec(l)?.[1]).filter((id): id is string => !!id);

describe('two instances on one database', () => {
  it('a schedule fires once per occurrence: one run, on one instance, and one digest per recipient each time', async () => {
    const digests = () => smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Relations donateurs'));
    const ended = () => [...a.lines, ...b.lines].filter((l) => l.includes(`[jobs] fin file=${DIGEST} `)).length;
    await waitUntil(() => ended() > 0, () => `un premier résumé des prochaines étapes (journal : ${jobLines()})`, 150_000);
    // Both instances look for due schedules every 20 s: long enough for a second firing of the same minute.
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    // pg-boss fires an occurrence through an internal job keyed by the schedule and its minute.
    const count = async (sqlText: string) => (await sql.query(sqlText, [DIGEST])).rows[0].n as number;
    const both = (where: string) => `SELECT count(*)::int AS n FROM (SELECT name, singleton_key, singleton_on FROM pgboss.job UNION ALL SELECT name, singleton_key, singleton_on FROM pgboss.archive) j WHERE ${where}`;
    let occurrences = 0;
    let jobs = 0;
    await waitUntil(async () => {
      occurrences = await count(both("name = '__pgboss__send-it' AND singleton_key = $1"));
      jobs = await count(both('name = $1'));
      return jobs === occurrences && ended() === jobs;
    }, () => `chaque résumé lancé terminé (${occurrences} occurrence(s), ${jobs} tâche(s), ${ended()} terminée(s))`, 60_000);
    expect(occurrences).toBeGreaterThan(0);
    const runs = [...started(a, DIGEST), ...started(b, DIGEST)];
    expect(runs).toHaveLength(occurrences);
    expect(new Set(runs).size).toBe(runs.length);
    // Each recipient got one digest per run, never two.
    const perRecipient = new Map<string, number>();
    for (const m of digests()) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBeGreaterThan(0);
    expect([...new Set(perRecipient.values())]).toEqual([occurrences]);
  });

  it('an import started through A is followed through B to its end, and runs once', async () => {
    const donation = (await sql.query('SELECT document_id FROM donations ORDER BY id LIMIT 1')).rows[0].document_id as string;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv([GLPI_FR_HEADERS, ...Array.from({ length: 3000 }, (_, i) => glpiRow(i + 1, 'DEUX'))]))]), 'parc.csv');
    form.append('background', 'true');
    const res = await fetch(`${a.url}/intake/donations/${donation}/import`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { data: { job: { id: string } } }).data.job.id;
    const seen: string[] = [];
    let job: { status: string; written: number; total: number } = { status: 'queued', written: 0, total: 0 };
    await waitUntil(async () => {
      const polled = await call(b, 'GET', `/intake/jobs/${id}`, token);
      expect(polled.status).toBe(200);
      job = polled.body.data;
      seen.push(job.status);
      return !['queued', 'running'].includes(job.status);
    }, () => `la fin de l'import, suivie par B (vu : ${seen.join(', ')} ; journal : ${jobLines()})`, 120_000);
    expect(job).toMatchObject({ status: 'done', written: 3000, total: 3000 });
    expect((await sql.query("SELECT count(*)::int AS n FROM machines WHERE serial_number LIKE 'DEUXSN%'")).rows[0].n).toBe(3000);
    // One run in all, on whichever instance took the job.
    expect([...started(a, 'intake-import'), ...started(b, 'intake-import')]).toHaveLength(1);
  });

  it('a certificate batch started through B is followed through A to its end, each unit issued at most once', async () => {
    const donation = (await sql.query("SELECT d.document_id FROM donations d JOIN donations_donor_lnk l ON l.donation_id = d.id JOIN donors o ON o.id = l.donor_id WHERE o.name LIKE '%UBO%' LIMIT 1")).rows[0].document_id as string;
    const start = await call(b, 'POST', '/documents/batches', token, { donation });
    expect(start.status).toBe(202);
    let job: { status: string; total: number; done: number; issued: Array<{ labelCode: string }>; errors: unknown[] } = start.body.data;
    await waitUntil(async () => {
      const polled = await call(a, 'GET', `/documents/batches/${start.body.data.id}`, token);
      expect(polled.status).toBe(200);
      job = polled.body.data;
      return job.status === 'done';
    }, () => `la fin du lot d'attestations, suivi par A (journal : ${jobLines()})`, 180_000);
    expect(job.done).toBe(job.total);
    expect(job.issued.length + job.errors.length).toBe(job.total);
    expect(job.issued.length).toBeGreaterThan(0);
    expect(new Set(job.issued.map((i) => i.labelCode)).size).toBe(job.issued.length);
    expect([...started(a, 'documents-batch'), ...started(b, 'documents-batch')]).toHaveLength(1);
  });

  it('20 simultaneous moves of one unit, split across both instances, give exactly one event', async () => {
    const created = await call(a, 'POST', '/content-manager/collection-types/api::machine.machine', token, { type: 'desktop', brand: 'Dell' });
    expect(created.status).toBe(201);
    const unit = created.body.data.documentId as string;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(i % 2 === 0 ? a : b, 'POST', `/pipeline/records/machines/${unit}/transitions`, token, { to: 'sorting' })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const events = await sql.query("SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = $1 AND kind = 'transition' AND to_stage = 'sorting'", [unit]);
    expect(events.rows[0].n).toBe(1);
  });

  it('a campaign sent through A is e-mailed once to each recipient, with both instances working the queue', async () => {
    const { id, emails } = await sendCollegeCampaign(b, a, token, 'Deux serveurs');
    expect(emails).toBeGreaterThan(1);
    await waitUntil(async () => (await call(b, 'GET', `/outreach/campaigns/${id}/progress`, token)).body.data.status === 'sent', 'la campagne envoyée');
    const mails = smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Deux serveurs : '));
    const addresses = mails.map((m) => m.to.join(','));
    expect(addresses).toHaveLength(emails);
    expect(new Set(addresses).size).toBe(emails);
    const { rows } = await sql.query(
      `SELECT r.delivery, count(*)::int AS n FROM sv_outreach_recipients r JOIN sv_outreach_recipients_campaign_lnk l ON l.recipient_id = r.id
         JOIN sv_outreach_campaigns c ON c.id = l.campaign_id WHERE c.document_id = $1 GROUP BY r.delivery`,
      [id],
    );
    expect(rows).toEqual([{ delivery: 'sent', n: emails }]);
  });
});
