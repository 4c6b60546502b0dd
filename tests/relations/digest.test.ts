import { startApp, type TestApp } from '../helpers/app';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { createDonor, relations } from './helpers';

let app: TestApp;
let smtp: SmtpCapture;

interface Entry {
  ownerId: number | null;
  ownerName: string;
  recipients: string[];
  due: Array<{ text: string; due: string; party: string }>;
  overdue: Array<{ text: string; due: string; party: string }>;
}
interface Steps {
  digest(today: string): Promise<Entry[]>;
  sendDigest(today: string): Promise<{ sent: number; skipped: string[] }>;
}

const TODAY = '2012-10-10';
let alice: { id: number };
let bob: { id: number };

async function staff(email: string, firstname: string) {
  return (await app.strapi.service('admin::user').create({ email, firstname, lastname: 'Test', password: 'Mot-de-passe-2012', isActive: true, registrationToken: null })) as { id: number };
}

async function step(donorDocumentId: string, nextStep: string, nextStepDue: string, owner: { id: number } | null, done = false) {
  await app.strapi.documents('api::interaction.interaction').create({
    data: {
      date: '2012-10-01T09:00:00.000Z', kind: 'call', summary: `Appel : ${nextStep}`, donor: donorDocumentId, nextStep, nextStepDue,
      ...(owner ? { owner: owner.id } : {}),
      ...(done ? { nextStepDoneAt: '2012-10-05T09:00:00.000Z' } : {}),
    } as never,
  });
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.COORDINATORS_EMAIL = 'coordination@atelier.test, direction@atelier.test';
  app = await startApp('base');
  alice = await staff('alice@atelier.test', 'Alice');
  bob = await staff('bob@atelier.test', 'Bob');
  const donor = await createDonor(app, 'Arkéa');
  const other = await createDonor(app, 'Brest Métropole Habitat');
  await step(donor.documentId, 'Relancer la DSI (hier)', '2012-10-09', alice);
  await step(donor.documentId, 'Envoyer la convention (aujourd’hui)', TODAY, alice);
  await step(donor.documentId, 'Préparer la collecte (demain)', '2012-10-11', alice);
  await step(donor.documentId, 'Appeler le service achats (fait)', '2012-10-08', alice, true);
  await step(other.documentId, 'Rendez-vous à fixer (Bob, aujourd’hui)', TODAY, bob);
  await step(other.documentId, 'Courrier sans responsable (en retard)', '2012-09-30', null);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('the next-steps digest', () => {
  it('lists, per owner, exactly the steps due today and the overdue ones not done', async () => {
    const entries = await relations<Steps>(app, 'steps').digest(TODAY);
    const view = entries.map((e) => ({ owner: e.ownerId, recipients: e.recipients, due: e.due.map((s) => s.text), overdue: e.overdue.map((s) => s.text) }));
    expect(view).toEqual([
      { owner: alice.id, recipients: ['alice@atelier.test'], due: ['Envoyer la convention (aujourd’hui)'], overdue: ['Relancer la DSI (hier)'] },
      { owner: bob.id, recipients: ['bob@atelier.test'], due: ['Rendez-vous à fixer (Bob, aujourd’hui)'], overdue: [] },
      { owner: null, recipients: ['coordination@atelier.test', 'direction@atelier.test'], due: [], overdue: ['Courrier sans responsable (en retard)'] },
    ]);
  });

  it('sends one French e-mail per owner, with their steps only', async () => {
    const result = await relations<Steps>(app, 'steps').sendDigest(TODAY);
    expect(result).toEqual({ sent: 3, skipped: [] });
    const toAlice = await smtp.waitFor((m) => m.to.includes('alice@atelier.test'));
    const toBob = await smtp.waitFor((m) => m.to.includes('bob@atelier.test'));
    const toCoordinators = await smtp.waitFor((m) => m.to.includes('coordination@atelier.test'));
    expect(smtp.messages).toHaveLength(3);
    expect(toAlice.to).toEqual(['alice@atelier.test']);
    expect(toAlice.parsed.subject).toBe('Relations donateurs : 2 prochaines étapes à traiter');
    const aliceText = toAlice.parsed.text ?? '';
    expect(aliceText).toContain('Bonjour Alice Test,');
    // Each heading, then its list (blocks are separated by a blank line in the text part).
    expect(aliceText).toMatch(/En retard \(1\) :\n+- Arkéa : Relancer la DSI \(hier\) \(pour le 09\/10\/2012\)\n/);
    expect(aliceText).toMatch(/Pour aujourd'hui \(1\) :\n+- Arkéa : Envoyer la convention \(aujourd’hui\) \(pour le 10\/10\/2012\)\n/);
    expect(aliceText).toContain('Tableau des relations : http://localhost:');
    expect(aliceText).not.toMatch(/demain|fait\)|Bob|sans responsable/);
    expect(toBob.parsed.text).toContain('Brest Métropole Habitat : Rendez-vous à fixer (Bob, aujourd’hui)');
    expect(toBob.parsed.text).not.toMatch(/Arkéa|sans responsable/);
    expect(toCoordinators.to.sort()).toEqual(['coordination@atelier.test', 'direction@atelier.test']);
    expect(toCoordinators.parsed.text).toContain('Courrier sans responsable (en retard)');
  });

  it('is empty the day before any step is due', async () => {
    expect(await relations<Steps>(app, 'steps').digest('2012-09-29')).toEqual([]);
  });
});
