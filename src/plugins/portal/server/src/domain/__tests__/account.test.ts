import { accountProblem } from '../account';

const ROLES = { prescriber: 'prescripteur', donor: 'donateur' };

describe('accountProblem', () => {
  it('accepts a portal account linked to exactly the structure of its role', () => {
    expect(accountProblem({ roleType: 'prescripteur', prescriber: { id: 1 } }, ROLES)).toBeNull();
    expect(accountProblem({ roleType: 'donateur', donor: { id: 2 }, prescriber: null }, ROLES)).toBeNull();
    expect(accountProblem({ roleType: 'authenticated' }, ROLES)).toBeNull();
  });

  it('refuses a missing, doubled or mismatched structure', () => {
    expect(accountProblem({ roleType: 'prescripteur' }, ROLES)).toMatch(/Prescripteur/);
    expect(accountProblem({ roleType: 'prescripteur', prescriber: { id: 1 }, donor: { id: 2 } }, ROLES)).toMatch(/aucun donateur/);
    expect(accountProblem({ roleType: 'donateur', prescriber: { id: 1 } }, ROLES)).toMatch(/Donateur/);
    expect(accountProblem({ roleType: 'authenticated', donor: { id: 2 } }, ROLES)).toMatch(/Seuls/);
  });
});
