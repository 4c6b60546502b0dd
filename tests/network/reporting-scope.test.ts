import crypto from 'node:crypto';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { addDays, parisDay } from '../helpers/clock';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';
import { createDonation, glpiCsv } from '../intake/fixtures';

/**
 * Reporting and intake in a network of workshops (docs/network.md): every figure is the
 * requester's workshops', computed in SQL; another workshop's record answers 404 and nothing is
 * written; « Réseau » reads the network, with a « par atelier » table whose total is the sum.
 */

let app: TestApp;
let brest: { id: number; documentId: string; code: string };
let morlaix: { id: number; documentId: string; code: string };
let brestDonation: string;
let morlaixDonation: string;
const tokens: Record<'admin' | 'brest' | 'morlaix' | 'both' | 'reseau', string> = { admin: '', brest: '', morlaix: '', both: '', reseau: '' };
const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

const TODAY = parisDay(new Date());
const PERIOD = { from: addDays(TODAY, -364), to: TODAY };
const q = (extra: Record<string, string> = {}) => new URLSearchParams({ ...PERIOD, ...extra }).toString();
const OUT_OF_SCOPE = "Cette fiche n'existe pas ou appartient à un autre atelier du réseau.";

const PARIS_DAY = (column: string) => `CAST((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris' AS date)`;
const one = async (sql: string, params: unknown[]) => Number((await app.sql.query(sql, params)).rows[0].n);

/** Independent SQL counts of one workshop's figures (null: every record) over PERIOD. */
const sqlFigures = async (workshopId: number | null) => {
  const ws = (column: string) => (workshopId === null ? 'TRUE' : `${column} = ${Number(workshopId)}`);
  const p = [PERIOD.from, PERIOD.to];
  return {
    received: await one(
      `SELECT count(*) AS n FROM machines m
         JOIN machines_donation_lnk md ON md.machine_id = m.id JOIN donations dn ON dn.id = md.donation_id
         JOIN donations_donor_lnk dd ON dd.donation_id = dn.id
         LEFT JOIN machines_workshop_lnk mw ON mw.machine_id = m.id
        WHERE dn.collected_at BETWEEN $1 AND $2 AND ${ws('mw.workshop_id')}`,
      p,
    ),
    ...Object.fromEntries(
      await Promise.all(
        (['ready', 'handed_over'] as const).map(async (stage) => [
          stage === 'ready' ? 'refurbished' : 'handedOver',
          await one(
            `SELECT count(DISTINCT e.subject_id) AS n FROM sv_pipeline_events e
               LEFT JOIN machines m ON m.document_id = e.subject_id LEFT JOIN machines_workshop_lnk mw ON mw.machine_id = m.id
              WHERE e.subject_type = 'api::machine.machine' AND e.kind = 'transition' AND e.to_stage = $3
                AND ${PARIS_DAY('e.at')} BETWEEN $1 AND $2 AND ${ws('mw.workshop_id')}`,
            [...p, stage],
          ),
        ]),
      ),
    ) as { refurbished: number; handedOver: number },
    erasuresCertified: await one(
      `SELECT count(DISTINCT g.target_document_id) AS n FROM documents_generated g
         LEFT JOIN machines m ON m.document_id = g.target_document_id LEFT JOIN machines_workshop_lnk mw ON mw.machine_id = m.id
        WHERE g.kind = 'erasure-certificate' AND ${PARIS_DAY('g.generated_at')} BETWEEN $1 AND $2 AND ${ws('mw.workshop_id')}`,
      p,
    ),
    households: await one(
      `SELECT count(DISTINCT ph.household_id) AS n FROM prescriptions pr
         JOIN prescriptions_household_lnk ph ON ph.prescription_id = pr.id
         LEFT JOIN prescriptions_workshop_lnk pw ON pw.prescription_id = pr.id
        WHERE pr.handed_over_at BETWEEN $1 AND $2 AND ${ws('pw.workshop_id')}`,
      p,
    ),
    minutes: await one(
      `SELECT coalesce(sum(round(extract(epoch FROM vp.signed_out_at - vp.signed_in_at) / 60)), 0) AS n
         FROM volunteer_presences vp
         JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = vp.id
         LEFT JOIN volunteers_workshop_lnk vw ON vw.volunteer_id = l.volunteer_id
        WHERE vp.signed_out_at IS NOT NULL AND ${PARIS_DAY('vp.signed_in_at')} BETWEEN $1 AND $2 AND ${ws('vw.workshop_id')}`,
      p,
    ),
  };
};

/** What the bilan answers for the same figures. */
const bilanFigures = (b: {
  donorTotal: { received: { value: number } };
  activity: { refurbished: { value: number }; handedOver: { value: number } };
  erasures: { certified: { value: number } };
  households: { equipped: { value: number } };
  volunteers: { minutes: number };
}) => ({
  received: b.donorTotal.received.value,
  refurbished: b.activity.refurbished.value,
  handedOver: b.activity.handedOver.value,
  erasuresCertified: b.erasures.certified.value,
  households: b.households.equipped.value,
  minutes: b.volunteers.minutes,
});

const machineCount = async () => one('SELECT count(*) AS n FROM machines', []);
const labelCounter = async () => one(`SELECT coalesce(max(value), 0) AS n FROM sv_counters WHERE scope = 'label-code'`, []).catch(() => -1);

beforeAll(async () => {
  app = await startApp('demo');
  brest = await defaultWorkshop(app);
  morlaix = await createWorkshop(app, { name: 'Seconde Vie Morlaix', commune: 'Morlaix', code: 'MO', postalCodes: '29600' });
  tokens.admin = await adminToken(app);
  tokens.brest = (await memberToken(app, 'seconde-vie-coordination', 'coord.brest@seconde-vie.test', [brest.id])).token;
  tokens.morlaix = (await memberToken(app, 'seconde-vie-coordination', 'coord.morlaix@seconde-vie.test', [morlaix.id])).token;
  tokens.both = (await memberToken(app, 'seconde-vie-coordination', 'coord.deux@seconde-vie.test', [brest.id, morlaix.id])).token;
  tokens.reseau = (await memberToken(app, 'seconde-vie-reseau', 'reseau@seconde-vie.test', [])).token;

  // A Brest donation (no author: the default workshop), and a Morlaix one collected today.
  brestDonation = (await createDonation(app, 'Mairie de Brest')).donation;
  const donor = await app.strapi.documents('api::donor.donor').create({ data: { name: 'Communauté de communes du Pays de Morlaix', kind: 'public_administration' } as never });
  // Created in Brest then moved to Morlaix in SQL: the donation schema's reference pattern
  // (^LOT-[0-9]{4}-[0-9]{3,}$) refuses Morlaix's own numbers (LOT-MO-2026-001) — a kernel matter.
  const created = (await app.strapi.documents('api::donation.donation').create({
    data: { donor: donor.documentId, announcedCount: 6, collectedAt: TODAY } as never,
  })) as unknown as { id: number; documentId: string };
  morlaixDonation = created.documentId;
  await app.sql.query('UPDATE donations_workshop_lnk SET workshop_id = $2 WHERE donation_id = $1', [created.id, morlaix.id]);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('intake: a workshop imports into its own donations only', () => {
  it('lists only my workshops’ donations', async () => {
    const res = await app.http().get('/intake/donations').set(as('morlaix'));
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([morlaixDonation]);
    const brestList = await app.http().get('/intake/donations').set(as('brest'));
    const ids = brestList.body.data.map((d: { documentId: string }) => d.documentId);
    expect(ids).toContain(brestDonation);
    expect(ids).not.toContain(morlaixDonation);
  });

  it('answers 404 to a dry run or an import into another workshop’s donation, and writes nothing', async () => {
    const [machines, counter] = [await machineCount(), await labelCounter()];
    for (const action of ['dry-run', 'import']) {
      const res = await app.http().post(`/intake/donations/${brestDonation}/${action}`).set(as('morlaix')).attach('file', glpiCsv(3, 'BRST'), 'parc.csv');
      expect([action, res.status]).toEqual([action, 404]);
      expect(res.body.error.message).toBe('Lot introuvable.');
    }
    expect(await machineCount()).toBe(machines);
    expect(await labelCounter()).toBe(counter);
    const jobs = await app.http().get(`/intake/donations/${brestDonation}/jobs`).set(as('morlaix'));
    expect(jobs.status).toBe(404);
  });

  it('imports into a Morlaix donation with MO- labels, units in Morlaix', async () => {
    const res = await app.http().post(`/intake/donations/${morlaixDonation}/import`).set(as('morlaix')).attach('file', glpiCsv(6, 'MORL'), 'parc.csv');
    expect(res.status).toBe(201);
    expect(res.body.data.result).toMatchObject({ created: 6, firstLabelCode: expect.stringMatching(/^MO-\d{6}$/), lastLabelCode: expect.stringMatching(/^MO-\d{6}$/) });
    const { rows } = await app.sql.query(
      `SELECT m.label_code, mw.workshop_id FROM machines m JOIN machines_donation_lnk md ON md.machine_id = m.id JOIN donations d ON d.id = md.donation_id
         LEFT JOIN machines_workshop_lnk mw ON mw.machine_id = m.id WHERE d.document_id = $1`,
      [morlaixDonation],
    );
    expect(rows).toHaveLength(6);
    for (const r of rows) expect([r.label_code.slice(0, 3), r.workshop_id]).toEqual(['MO-', morlaix.id]);
    // Brest staff do not see Morlaix's imports (jobs are listed per donation).
    expect((await app.http().get(`/intake/donations/${morlaixDonation}/jobs`).set(as('brest'))).status).toBe(404);
    expect((await app.http().get(`/intake/donations/${morlaixDonation}/jobs`).set(as('morlaix'))).status).toBe(200);
  });
});

describe('reporting per workshop', () => {
  beforeAll(async () => {
    // Morlaix's line: of its 6 units, 3 refurbished (« Prête »), 2 of them handed over, one erasure certified; a volunteer's 2 h.
    const { rows: units } = await app.sql.query(
      `SELECT m.id, m.document_id FROM machines m JOIN machines_workshop_lnk mw ON mw.machine_id = m.id WHERE mw.workshop_id = $1 ORDER BY m.id`,
      [morlaix.id],
    );
    const at = new Date();
    const event = async (subject: string, seq: number, from: string, to: string) =>
      app.sql.query(
        `INSERT INTO sv_pipeline_events (document_id, subject_type, subject_id, seq, kind, from_stage, to_stage, actor_type, actor_name, at, details, hash, created_at, updated_at, published_at)
         VALUES ($1, 'api::machine.machine', $2, $3, 'transition', $4, $5, 'user', 'Test', $6, '{}'::jsonb, $7, now(), now(), now())`,
        [crypto.randomBytes(12).toString('hex'), subject, seq, from, to, at, crypto.randomBytes(32).toString('hex')],
      );
    for (const [i, u] of units.slice(0, 3).entries()) {
      await event(u.document_id, 2, 'received', 'ready');
      if (i < 2) await event(u.document_id, 3, 'ready', 'handed_over');
      await app.sql.query('UPDATE machines SET pipeline_stage = $2 WHERE id = $1', [u.id, i < 2 ? 'handed_over' : 'ready']);
    }
    await app.strapi.db.query('plugin::documents.generated-document').create({
      data: {
        number: 'EFF-MO-TEST-0001', kind: 'erasure-certificate', targetUid: 'api::machine.machine', targetDocumentId: units[0].document_id,
        version: 1, sha256: crypto.randomBytes(32).toString('hex'), templateVersion: 1, generatedAt: new Date(),
      },
    });
    const volunteer = await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Bénévole de Morlaix', startDate: PERIOD.from, workshop: morlaix.documentId } as never });
    const start = new Date(Date.now() - 3 * 3600_000);
    await app.strapi.db.query('api::volunteer-presence.volunteer-presence').create({
      data: { volunteer: (volunteer as unknown as { id: number }).id, signedInAt: start, signedOutAt: new Date(start.getTime() + 2 * 3600_000), source: 'coordinator' },
    });
  }, 60_000);

  it('gives Brest staff Brest’s figures only, equal to an independent SQL count, and Morlaix staff Morlaix’s', async () => {
    const [sqlBrest, sqlMorlaix] = [await sqlFigures(brest.id), await sqlFigures(morlaix.id)];
    expect(sqlMorlaix).toMatchObject({ received: 6, refurbished: 3, handedOver: 2, erasuresCertified: 1, minutes: 120 });
    const b = await app.http().get(`/reporting/bilan?${q()}`).set(as('brest'));
    expect(b.status).toBe(200);
    expect(b.body.data.scope).toEqual({ network: false, workshops: [expect.objectContaining({ documentId: brest.documentId })] });
    expect(b.body.data.byWorkshop).toBeNull();
    expect(bilanFigures(b.body.data)).toEqual(sqlBrest);
    const m = await app.http().get(`/reporting/bilan?${q()}`).set(as('morlaix'));
    expect(bilanFigures(m.body.data)).toEqual(sqlMorlaix);
    // `all` is my workshops, not the network.
    const mAll = await app.http().get(`/reporting/bilan?${q({ workshop: 'all' })}`).set(as('morlaix'));
    expect(mAll.status).toBe(200);
    expect(mAll.body.data.scope).toEqual({ network: false, workshops: [expect.objectContaining({ documentId: morlaix.documentId })] });
    expect(bilanFigures(mAll.body.data)).toEqual(sqlMorlaix);
    // Hours and WEEE follow the same scope.
    const hours = await app.http().get(`/reporting/hours?${q()}`).set(as('morlaix'));
    expect(hours.body.data.total.minutes).toBe(120);
    expect(hours.body.data.volunteers.map((v: { name: string }) => v.name)).toEqual(['Bénévole de Morlaix']);
    const brestHours = await app.http().get(`/reporting/hours?${q()}`).set(as('brest'));
    expect(brestHours.body.data.total.minutes).toBe(sqlBrest.minutes);
  });

  it('refuses Morlaix staff Brest’s figures with the French 404, on every route', async () => {
    for (const path of [`/reporting/bilan?${q({ workshop: brest.documentId })}`, `/reporting/dashboard?workshop=${brest.documentId}`, `/reporting/weee?${q({ workshop: brest.documentId })}`, `/reporting/hours?${q({ workshop: brest.documentId })}`, `/reporting/programmes?workshop=${brest.documentId}`]) {
      const res = await app.http().get(path).set(as('morlaix'));
      expect([path, res.status, res.body.error?.message]).toEqual([path, 404, OUT_OF_SCOPE]);
    }
    const bad = await app.http().get(`/reporting/bilan?${q({ workshop: 'Brest!' })}`).set(as('morlaix'));
    expect(bad.status).toBe(400);
  });

  it('gives « Réseau » the network: a row per workshop equal to SQL, and a total that is their sum', async () => {
    const [sqlBrest, sqlMorlaix, sqlAll] = [await sqlFigures(brest.id), await sqlFigures(morlaix.id), await sqlFigures(null)];
    const res = await app.http().get(`/reporting/bilan?${q()}`).set(as('reseau'));
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.scope.network).toBe(true);
    expect(bilanFigures(data)).toEqual(sqlAll);
    const pick = (r: Record<string, number>) => ({ received: r.received, refurbished: r.refurbished, handedOver: r.handedOver, erasuresCertified: r.erasuresCertified, households: r.households, minutes: r.minutes });
    const all = data.byWorkshop.rows as Array<{ documentId: string } & Record<string, number>>;
    // Every workshop has its row, each equal to SQL; the demo's own Morlaix (MX) among them.
    const others = await Promise.all(all.filter((r) => ![brest.documentId, morlaix.documentId].includes(r.documentId)).map(async (r) => {
      const id = (await app.strapi.db.query('api::workshop.workshop').findOne({ where: { documentId: r.documentId } })).id as number;
      expect(pick(r)).toEqual(await sqlFigures(id));
      return pick(r);
    }));
    const rows = all.filter((r) => [brest.documentId, morlaix.documentId].includes(r.documentId));
    expect(rows.map((r) => r.documentId)).toEqual([brest.documentId, morlaix.documentId]);
    expect(pick(rows[0])).toEqual(sqlBrest);
    expect(pick(rows[1])).toEqual(sqlMorlaix);
    const sum = Object.fromEntries(Object.entries(sqlBrest).map(([k, v]) => [k, v + sqlMorlaix[k as keyof typeof sqlMorlaix] + others.reduce((n, o) => n + (o as Record<string, number>)[k], 0)]));
    expect(pick(data.byWorkshop.total)).toEqual(sum);
    expect(sqlAll).toEqual(sum);
    // The total's value: the bilan's own.
    expect(data.byWorkshop.total.value).toBe(data.volunteers.value);
    // « Réseau » may look at one workshop.
    const one = await app.http().get(`/reporting/bilan?${q({ workshop: morlaix.documentId })}`).set(as('reseau'));
    expect(bilanFigures(one.body.data)).toEqual(sqlMorlaix);
    // A coordinator of both workshops gets both, with the « par atelier » table.
    const both = await app.http().get(`/reporting/bilan?${q()}`).set(as('both'));
    expect(both.body.data.scope.network).toBe(false);
    expect(pick(both.body.data.byWorkshop.total)).toEqual(sum);
  });

  it('scopes the dashboard: units per stage are the workshop’s, the network view has the « par atelier » table', async () => {
    const stagesOf = async (workshopId: number) =>
      Object.fromEntries(
        (
          await app.sql.query(
            `SELECT m.pipeline_stage AS stage, count(*)::int AS n FROM machines m JOIN machines_workshop_lnk mw ON mw.machine_id = m.id WHERE mw.workshop_id = $1 GROUP BY 1`,
            [workshopId],
          )
        ).rows.map((r) => [r.stage, r.n]),
      );
    for (const [who, ws] of [['morlaix', morlaix.id], ['brest', brest.id]] as const) {
      const res = await app.http().get('/reporting/dashboard').set(as(who));
      expect(res.status).toBe(200);
      const expected = await stagesOf(ws);
      const got = Object.fromEntries((res.body.data.stages as Array<{ key: string; count: number }>).filter((s) => s.count > 0).map((s) => [s.key, s.count]));
      expect([who, got]).toEqual([who, expected]);
      expect(res.body.data.byWorkshop).toBeNull();
    }
    const m = await app.http().get('/reporting/dashboard').set(as('morlaix'));
    expect(m.body.data.throughput).toMatchObject({ refurbished: 3, handedOver: 2 });
    expect(m.body.data.stages[0].link).toContain(encodeURIComponent('[workshop][id][$in][0]'));
    const net = await app.http().get('/reporting/dashboard').set(as('reseau'));
    expect(net.body.data.byWorkshop.rows).toHaveLength(await app.strapi.db.query('api::workshop.workshop').count({}));
    expect(net.body.data.byWorkshop.rows.find((r: { documentId: string }) => r.documentId === morlaix.documentId)).toMatchObject({ documentId: morlaix.documentId, refurbished: 3, handedOver: 2, erasuresCertified: 1, minutes: 120 });
  });

  it('lists saved bilans by the workshops they cover (« Réseau »: all)', async () => {
    const REPORT = 'plugin::reporting.report';
    const base = { periodFrom: PERIOD.from, periodTo: PERIOD.to };
    await app.strapi.db.query(REPORT).create({ data: { ...base, title: 'Bilan Morlaix', network: false, workshops: [morlaix.id] } });
    await app.strapi.db.query(REPORT).create({ data: { ...base, title: 'Bilan Brest', network: false, workshops: [brest.id] } });
    await app.strapi.db.query(REPORT).create({ data: { ...base, title: 'Bilan réseau', network: true } });
    await app.strapi.db.query(REPORT).create({ data: { ...base, title: 'Bilan d’avant le réseau' } });
    const titles = async (who: keyof typeof tokens) => {
      const res = await app.http().get('/reporting/bilans').set(as(who));
      expect(res.status).toBe(200);
      return (res.body.data as Array<{ title: string }>).map((r) => r.title).sort();
    };
    expect(await titles('morlaix')).toEqual(['Bilan Morlaix']);
    // The demo's own bilans were issued before the network: Brest's (the default workshop).
    const brestTitles = await titles('brest');
    expect(brestTitles).toEqual(expect.arrayContaining(['Bilan Brest', 'Bilan d’avant le réseau']));
    expect(brestTitles).not.toContain('Bilan Morlaix');
    expect(brestTitles).not.toContain('Bilan réseau');
    const bothTitles = await titles('both');
    expect(bothTitles).toEqual([...brestTitles, 'Bilan Morlaix'].sort());
    expect(await titles('reseau')).toEqual(expect.arrayContaining(['Bilan Brest', 'Bilan Morlaix', 'Bilan réseau', 'Bilan d’avant le réseau']));
    // A saved bilan's PDF is recomputed for the workshops it covers.
    const saved = await app.strapi.db.query(REPORT).findOne({ where: { title: 'Bilan Morlaix' } });
    const { bilan } = await app.strapi.plugin('reporting').service('reports').documentData(saved.documentId);
    expect(bilanFigures(bilan)).toEqual(await sqlFigures(morlaix.id));
  });

  it('lists programmes of my workshops only', async () => {
    const m = await app.http().get('/reporting/programmes').set(as('morlaix'));
    expect(m.status).toBe(200);
    expect(m.body.data).toEqual([]);
    const all = await app.http().get('/reporting/programmes').set(as('reseau'));
    const brestOnly = await app.http().get('/reporting/programmes').set(as('brest'));
    expect(brestOnly.body.data.length).toBe(all.body.data.length);
  });
});
