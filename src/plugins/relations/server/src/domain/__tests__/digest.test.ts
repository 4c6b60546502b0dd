import { digestMail, groupDigest, type OpenStep } from '../digest';

const step = (over: Partial<OpenStep>): OpenStep => ({
  interactionDocumentId: 'x', text: 'Relancer', due: '2012-10-10', party: 'CAF du Finistère', ownerId: 1, ownerName: 'Alice', ownerEmail: 'alice@atelier.test', ...over,
});

describe('next-steps digest grouping', () => {
  it('splits due today from overdue, per owner, and sends unowned steps to the coordinators', () => {
    const entries = groupDigest(
      [step({ text: 'a', due: '2012-10-09' }), step({ text: 'b' }), step({ text: 'c', due: '2012-10-11' }), step({ text: 'd', ownerId: null, ownerName: null, ownerEmail: null })],
      '2012-10-10',
      ['coordination@atelier.test'],
    );
    expect(entries.map((e) => [e.ownerId, e.recipients, e.due.map((s) => s.text), e.overdue.map((s) => s.text)])).toEqual([
      [1, ['alice@atelier.test'], ['b'], ['a']],
      [null, ['coordination@atelier.test'], ['d'], []],
    ]);
  });

  it('writes a French message naming each step and its date', () => {
    const [entry] = groupDigest([step({ due: '2012-10-08' })], '2012-10-10', []);
    const mail = digestMail(entry, '2012-10-10', 'https://atelier.example/admin/plugins/relations');
    expect(mail.subject).toBe('Relations donateurs : 1 prochaine étape à traiter');
    expect(mail.text).toContain('- CAF du Finistère : Relancer (pour le 08/10/2012)');
    expect(mail.text).toContain('https://atelier.example/admin/plugins/relations');
  });
});
