import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';

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
    // Run again: nothing left to erase.
    expect((await app.http().post('/privacy/retention/run').set({ Authorization: `Bearer ${jwt}` }).expect(200)).body.data.volunteersPurged).toEqual([]);
  });
});
