import { conventionProblems, donationProblems, donorProblems, interactionProblems, prescriptionProblems } from '../rules';

const paths = (problems: { path: string[] }[]) => problems.map((p) => p.path.join('.'));

describe('convention rules', () => {
  it('accepts a signed partnership with a donor', () => {
    expect(conventionProblems({ kind: 'partnership', state: 'signed', signedAt: '2012-01-01', donor: { id: 1, kind: 'company' } })).toEqual([]);
  });

  it('requires a donor on a partnership and a prescriber on a membership', () => {
    expect(paths(conventionProblems({ kind: 'partnership' }))).toEqual(['donor']);
    expect(paths(conventionProblems({ kind: 'membership' }))).toEqual(['prescriber']);
  });

  it('refuses a membership convention tied to a donor', () => {
    expect(paths(conventionProblems({ kind: 'membership', prescriber: { id: 2 }, donor: { id: 1 } }))).toEqual(['donor']);
  });

  it('refuses an end date before the start date', () => {
    expect(paths(conventionProblems({ kind: 'membership', prescriber: { id: 2 }, startDate: '2012-09-01', endDate: '2012-08-31' }))).toEqual(['endDate']);
  });

  it('asks for the signature date of a signed convention', () => {
    expect(paths(conventionProblems({ kind: 'membership', prescriber: { id: 2 }, state: 'signed' }))).toEqual(['signedAt']);
  });

  it('refuses more than 300 € a unit from a public body, and names the law', () => {
    const problems = conventionProblems({ kind: 'partnership', donor: { id: 1, kind: 'local_authority' }, terms: { declaredUnitValue: '300.01' } });
    expect(paths(problems)).toEqual(['terms.declaredUnitValue']);
    expect(problems[0].message).toMatch(/L3212-2/);
  });

  it('accepts 300 € a unit from a public body, and any value from a company', () => {
    expect(conventionProblems({ kind: 'partnership', donor: { id: 1, kind: 'public_administration' }, terms: { declaredUnitValue: 300 } })).toEqual([]);
    expect(conventionProblems({ kind: 'partnership', donor: { id: 1, kind: 'company' }, terms: { declaredUnitValue: 900 } })).toEqual([]);
  });
});

describe('donation, prescription, interaction and donor rules', () => {
  it("refuses a lot whose convention is another donor's", () => {
    expect(paths(donationProblems({ donor: { id: 1 }, convention: { kind: 'partnership', donor: { id: 2 } } }))).toEqual(['convention']);
    expect(donationProblems({ donor: { id: 1 }, convention: { kind: 'partnership', donor: { id: 1 } } })).toEqual([]);
  });

  it('requires a donor on a lot and a prescriber on a prescription', () => {
    expect(paths(donationProblems({}))).toEqual(['donor']);
    expect(paths(prescriptionProblems({}))).toEqual(['prescriber']);
  });

  it('wants exactly one party on an interaction', () => {
    expect(paths(interactionProblems({}))).toEqual(['donor']);
    expect(paths(interactionProblems({ donor: { id: 1 }, prescriber: { id: 1 } }))).toEqual(['prescriber']);
    expect(interactionProblems({ prescriber: { id: 1 } })).toEqual([]);
  });

  it('checks the SIRET key of a donor', () => {
    expect(paths(donorProblems({ siret: '73282932000075' }))).toEqual(['siret']);
    expect(donorProblems({ siret: '73282932000074' })).toEqual([]);
    expect(donorProblems({ siret: null })).toEqual([]);
  });
});
