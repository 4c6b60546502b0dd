import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { parisInstant } from '../helpers/clock';

/** A departed volunteer's contact details go when the retention period after their end date runs out (docs/privacy.md). */
let app: TestApp;
let jwt: string;

beforeAll(async () => {
  app = await startApp('base');
  jwt = await adminToken(app);
});

afterAll(async () => {
  await app?.stop();
});

let n = 0;
const volunteer = (name: string, endDate: string | null) =>
  app.strapi.documents('api::volunteer.volunteer').create({
    data: { name, email: `benevole${(n += 1)}@exemple.test`, phone: '06 00 00 00 00', availability: 'Mardi et jeudi', notes: 'Notes', pin: '1357', consentDate: '2011-10-01', startDate: '2011-10-01', endDate } as never,
  });

describe('volunteers in the retention job', () => {
  it('erases the contact details, availability, notes and PIN hash of a volunteer gone more than 24 months; keeps the name, dates and skills', async () => {
    const gone = await volunteer('Ancien Bénévole', '2020-01-31');
    const recent = await volunteer('Parti Récemment', new Date().toISOString().slice(0, 10));
    const active = await volunteer('Toujours Là', null);
    const skill = (await app.sql.query("SELECT document_id FROM skills WHERE key = 'erasure'")).rows[0].document_id;
    await app.strapi.documents('api::skill-grant.skill-grant').create({ data: { volunteer: gone.documentId, skill, grantedOn: '2019-03-01' } as never });
    await app.strapi.documents('api::volunteer-presence.volunteer-presence').create({
      data: { volunteer: gone.documentId, signedInAt: '2019-03-05T13:00:00.000Z', signedOutAt: '2019-03-05T17:00:00.000Z', notes: 'Malade, parti plus tôt' } as never,
    });
    await app.strapi.documents('api::volunteer-presence.volunteer-presence').create({
      data: { volunteer: active.documentId, signedInAt: '2019-03-05T13:00:00.000Z', signedOutAt: '2019-03-05T17:00:00.000Z', notes: 'Arrivé en retard' } as never,
    });

    const res = await app.http().post('/privacy/retention/run').set({ Authorization: `Bearer ${jwt}` }).expect(200);
    expect(res.body.data.volunteersPurged).toEqual([gone.documentId]);
    const rows = (await app.sql.query('SELECT document_id, name, email, phone, availability, notes, pin, consent_date::text, start_date::text, end_date::text FROM volunteers ORDER BY id')).rows;
    expect(rows.find((r) => r.document_id === gone.documentId)).toEqual({
      document_id: gone.documentId, name: 'Ancien Bénévole', email: null, phone: null, availability: null, notes: null, pin: null, consent_date: '2011-10-01', start_date: '2011-10-01', end_date: '2020-01-31',
    });
    for (const kept of [recent, active]) {
      expect(rows.find((r) => r.document_id === kept.documentId).email).not.toBeNull();
      expect(rows.find((r) => r.document_id === kept.documentId).pin).toMatch(/^\$2[aby]\$/);
    }
    expect((await app.sql.query('SELECT count(*)::int AS n FROM skill_grants_volunteer_lnk l JOIN volunteers v ON v.id = l.volunteer_id WHERE v.document_id = $1', [gone.documentId])).rows[0].n).toBe(1);
    // Their presences keep their times (the hours of past bilans), not their notes; others' keep theirs.
    const presences = (
      await app.sql.query(
        `SELECT v.document_id, p.notes, p.signed_in_at IS NOT NULL AND p.signed_out_at IS NOT NULL AS timed
           FROM volunteer_presences p JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id JOIN volunteers v ON v.id = l.volunteer_id`
      )
    ).rows;
    expect(presences.find((r) => r.document_id === gone.documentId)).toEqual({ document_id: gone.documentId, notes: null, timed: true });
    expect(presences.find((r) => r.document_id === active.documentId).notes).toBe('Arrivé en retard');
    // Run again: nothing left to erase.
    expect((await app.http().post('/privacy/retention/run').set({ Authorization: `Bearer ${jwt}` }).expect(200)).body.data.volunteersPurged).toEqual([]);
  });

  it("counts the 24 months from the workshop's date: at 00:30 in Brest (still yesterday in UTC) the day is already today", async () => {
    const clock = app.strapi.plugin('pipeline').service('clock') as { set(at: Date | null): void };
    const dayBefore = await volunteer('Partie Il Y A Deux Ans Et Un Jour', '2024-03-14');
    const sameDay = await volunteer('Partie Il Y A Deux Ans Jour Pour Jour', '2024-03-15');
    clock.set(parisInstant('2026-03-15', '00:30'));
    try {
      const res = await app.http().post('/privacy/retention/run').set({ Authorization: `Bearer ${jwt}` }).expect(200);
      expect(res.body.data.volunteersPurged).toEqual([dayBefore.documentId]);
    } finally {
      clock.set(null);
    }
    const email = async (documentId: string) => (await app.sql.query('SELECT email FROM volunteers WHERE document_id = $1', [documentId])).rows[0].email;
    expect(await email(dayBefore.documentId)).toBeNull();
    expect(await email(sameDay.documentId)).not.toBeNull();
  });

  it("counts a candidate's 12 months from the workshop's date too: at 00:30 in Brest the consent of a year and a day ago is past", async () => {
    const clock = app.strapi.plugin('pipeline').service('clock') as { set(at: Date | null): void };
    const create = (name: string, consentDate: string) =>
      app.strapi.documents('api::volunteer.volunteer').create({ data: { name, membership: 'candidate', consentDate } as never });
    const dayBefore = await create('Candidate Un An Et Un Jour', '2025-03-14');
    const sameDay = await create('Candidate Un An Jour Pour Jour', '2025-03-15');
    clock.set(parisInstant('2026-03-15', '00:30'));
    try {
      const res = await app.http().post('/privacy/retention/run').set({ Authorization: `Bearer ${jwt}` }).expect(200);
      expect(res.body.data.candidatesErased).toEqual([dayBefore.documentId]);
    } finally {
      clock.set(null);
    }
    const left = (await app.sql.query('SELECT document_id FROM volunteers')).rows.map((r) => r.document_id);
    expect(left).toContain(sameDay.documentId);
    // Leave the next test its own candidates only.
    await app.strapi.documents('api::volunteer.volunteer').delete({ documentId: sameDay.documentId });
  });

  it('deletes a candidate who never joined 12 months after their consent; keeps a recent one, one who trained, and the team', async () => {
    const day = (monthsAgo: number) => {
      const d = new Date();
      d.setUTCMonth(d.getUTCMonth() - monthsAgo);
      return d.toISOString().slice(0, 10);
    };
    const candidate = (name: string, consentDate: string) =>
      app.strapi.documents('api::volunteer.volunteer').create({ data: { name, membership: 'candidate', email: `${name.toLowerCase().replace(/\W+/g, '.')}@exemple.test`, consentDate } as never });
    const stale = await candidate('Sans Suite', day(13));
    const recent = await candidate('Candidature Récente', day(11));
    const trained = await candidate('Déjà Formée', day(14));
    const training = await app.strapi.documents('api::training.training').create({ data: { date: day(13), trainer: 'Atelier', attendees: [trained.documentId] } as never });
    const member = await volunteer('Membre Ancien', null);

    const res = await app.http().post('/privacy/retention/run').set({ Authorization: `Bearer ${jwt}` }).expect(200);
    expect(res.body.data.candidatesErased).toEqual([stale.documentId]);
    const left = (await app.sql.query('SELECT document_id FROM volunteers')).rows.map((r) => r.document_id);
    expect(left).not.toContain(stale.documentId);
    for (const kept of [recent, trained, member]) expect(left).toContain(kept.documentId);
    expect(training.documentId).toBeTruthy();
  });
});
