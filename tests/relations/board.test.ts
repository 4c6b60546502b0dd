import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { createDonor, donorState, setToday } from './helpers';

let app: TestApp;
let jwt: string;
const auth = (token = jwt) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp('demo');
  jwt = await adminToken(app);
  setToday(app, '2012-10-01');
});

afterAll(async () => {
  await app?.stop();
});

interface Column {
  relationship: string;
  label: string;
  count: number;
  cards: Array<{ documentId: string; name: string; lastInteraction: { summary: string } | null; nextStep: { text: string; due: string; overdue: boolean; owner: { name: string } | null } | null }>;
}

describe('the donor relationships board', () => {
  it('shows one column per step of the relationship, in order, with French labels and the counts of the database', async () => {
    const res = await app.http().get('/relations/board').set(auth()).expect(200);
    const columns = res.body.data.columns as Column[];
    expect(columns.map((c) => c.relationship)).toEqual(['prospect', 'contacted', 'meeting', 'negotiating', 'partner', 'inactive']);
    expect(columns.map((c) => c.label)).toEqual(['Prospect', 'Contacté', 'Rendez-vous', 'En négociation', 'Partenaire', 'Inactif']);
    const counts = (await app.sql.query('SELECT relationship, count(*)::int AS n FROM donors GROUP BY relationship')).rows as Array<{ relationship: string; n: number }>;
    for (const column of columns) {
      expect(column.count).toBe(counts.find((c) => c.relationship === column.relationship)?.n ?? 0);
      expect(column.cards).toHaveLength(column.count);
    }
  });

  it("shows a donor's last interaction and its open next step, overdue when its date has passed", async () => {
    // The demo's recent meeting with the bank: its step (due in a few days) is the one still open, that of 2012 was done.
    const { rows: [step] } = await app.sql.query(`
      SELECT i.next_step, i.next_step_due::text AS due FROM interactions i JOIN interactions_donor_lnk l ON l.interaction_id = i.id
        JOIN donors d ON d.id = l.donor_id WHERE d.name = 'Banque du Ponant' AND i.next_step_done_at IS NULL`);
    const board = async () => {
      const res = await app.http().get('/relations/board').set(auth()).expect(200);
      return (res.body.data.columns as Column[]).flatMap((c) => c.cards).find((c) => c.name === 'Banque du Ponant');
    };
    try {
      setToday(app, step.due);
      expect((await board())?.nextStep).toMatchObject({ text: step.next_step, due: step.due, overdue: false });
      const dayAfter = new Date(new Date(`${step.due}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
      setToday(app, dayAfter);
      const ponant = await board();
      expect(ponant?.lastInteraction?.summary).toMatch(/responsable RSE/);
      expect(ponant?.nextStep).toMatchObject({ text: 'Envoyer la proposition de convention et le modèle de certificat d’effacement', due: step.due, overdue: true });
      expect(ponant?.nextStep?.owner).not.toBeNull();
    } finally {
      setToday(app, '2012-10-01');
    }
  });
});

describe('moving a donor', () => {
  it('sets the relationship and records an interaction saying who moved it, from where, to where, with the note', async () => {
    const donor = await createDonor(app, 'Crédit Mutuel Arkéa (test)');
    const res = await app.http().post(`/relations/donors/${donor.documentId}/relationship`).set(auth())
      .send({ from: 'prospect', to: 'contacted', note: 'Premier appel au service achats.', nextStep: 'Envoyer la plaquette', nextStepDue: '2012-10-05' })
      .expect(200);
    expect(res.body.data).toMatchObject({ from: 'prospect', to: 'contacted' });
    const state = await donorState(app, donor.documentId);
    expect(state.relationship).toBe('contacted');
    expect(state.interactions).toEqual([
      { kind: 'relationship_change', summary: 'Étape : Prospect → Contacté. Premier appel au service achats.', author: expect.stringMatching(/\S/), next_step: 'Envoyer la plaquette' },
    ]);
  });

  it('refuses a stale move (409, French) and changes nothing', async () => {
    const donor = await createDonor(app, 'Thales Brest (test)', { relationship: 'meeting' });
    const res = await app.http().post(`/relations/donors/${donor.documentId}/relationship`).set(auth()).send({ from: 'contacted', to: 'negotiating' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/maintenant à l'étape « Rendez-vous »/);
    expect(await donorState(app, donor.documentId)).toEqual({ relationship: 'meeting', interactions: [] });
  });

  it('validates the body: unknown step, unknown field, due date without a step (400 naming the field)', async () => {
    const donor = await createDonor(app, 'Naval Group (test)');
    const url = `/relations/donors/${donor.documentId}/relationship`;
    const bad = [
      [{ to: 'signed' }, /to : une étape/],
      [{ to: 'contacted', colour: 'red' }, /Champ inconnu : colour/],
      [{ to: 'contacted', nextStepDue: '2012-10-05' }, /nextStepDue : indiquez aussi la prochaine étape/],
      [{ to: 'contacted', nextStep: 'Rappeler', nextStepDue: '05/10/2012' }, /nextStepDue : une date/],
      [{}, /to : indiquez/],
    ] as const;
    for (const [body, message] of bad) {
      const res = await app.http().post(url).set(auth()).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await donorState(app, donor.documentId)).toEqual({ relationship: 'prospect', interactions: [] });
    await app.http().post('/relations/donors/nope/relationship').set(auth()).send({ to: 'contacted' }).expect(400);
  });

  it('answers 404 for an unknown donor', async () => {
    await app.http().post('/relations/donors/abcdefghijklmnopqrstuvwx/relationship').set(auth()).send({ to: 'contacted' }).expect(404);
  });

  it('lets the Atelier role read the board but not move a donor', async () => {
    const volunteer = await staffToken(app, 'seconde-vie-atelier', 'benevole.relations@atelier.test');
    await app.http().get('/relations/board').set(auth(volunteer)).expect(200);
    const donor = await createDonor(app, 'Orange Brest (test)');
    await app.http().post(`/relations/donors/${donor.documentId}/relationship`).set(auth(volunteer)).send({ to: 'contacted' }).expect(403);
    expect((await donorState(app, donor.documentId)).relationship).toBe('prospect');
    const coordinator = await staffToken(app, 'seconde-vie-coordination', 'coordination.relations@atelier.test');
    await app.http().post(`/relations/donors/${donor.documentId}/relationship`).set(auth(coordinator)).send({ to: 'contacted' }).expect(200);
  });

  it('refuses the board to a request without a login', async () => {
    await app.http().get('/relations/board').expect(401);
  });
});

describe('closing a next step', () => {
  it('marks it done once; a second time answers 409', async () => {
    const donor = await createDonor(app, 'Brest Aim (test)');
    const interaction = (await app.strapi.documents('api::interaction.interaction').create({
      data: { date: '2012-09-20T10:00:00.000Z', kind: 'call', summary: 'Appel', donor: donor.documentId, nextStep: 'Rappeler', nextStepDue: '2012-09-30' } as never,
    })) as { documentId: string };
    await app.http().post(`/relations/interactions/${interaction.documentId}/done`).set(auth()).send({}).expect(200);
    const res = await app.http().post(`/relations/interactions/${interaction.documentId}/done`).set(auth()).send({});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Cette prochaine étape est déjà faite.');
    const { rows } = await app.sql.query('SELECT next_step_done_at FROM interactions WHERE document_id = $1', [interaction.documentId]);
    expect(rows[0].next_step_done_at).toBeInstanceOf(Date);
    const board = await app.http().get('/relations/board').set(auth()).expect(200);
    const card = (board.body.data.columns as Column[]).flatMap((c) => c.cards).find((c) => c.documentId === donor.documentId);
    expect(card?.nextStep).toBeNull();
  });
});
