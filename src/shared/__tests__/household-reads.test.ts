import { householdIdsIn, householdReadsOf, noteHouseholdReads, type SchemaAttribute } from '../household-reads';

const SCHEMAS: Record<string, Record<string, SchemaAttribute>> = {
  'api::prescription.prescription': {
    number: { type: 'string' },
    household: { type: 'relation', target: 'api::household.household' },
    machines: { type: 'relation', target: 'api::machine.machine' },
    needs: { type: 'component', component: 'prescription.needs' },
  },
  'api::household.household': {
    referenceName: { type: 'string' },
    prescriptions: { type: 'relation', target: 'api::prescription.prescription' },
  },
  'api::machine.machine': { prescription: { type: 'relation', target: 'api::prescription.prescription' } },
  'prescription.needs': { screen: { type: 'boolean' } },
};
const attributesOf = (uid: string) => SCHEMAS[uid];

describe('householdIdsIn', () => {
  it('finds the households of a household list', () => {
    expect(householdIdsIn([{ documentId: 'h1' }, { documentId: 'h2' }], 'api::household.household', attributesOf)).toEqual(['h1', 'h2']);
  });

  it('finds a household populated in a prescription, and one reached through a machine', () => {
    const prescription = { documentId: 'p1', number: 'PR-1', household: { documentId: 'h1', referenceName: 'Foyer M.' }, needs: { screen: true } };
    expect(householdIdsIn(prescription, 'api::prescription.prescription', attributesOf)).toEqual(['h1']);
    expect(householdIdsIn([{ documentId: 'm1', prescription: { documentId: 'p2', household: { documentId: 'h2' } } }], 'api::machine.machine', attributesOf)).toEqual(['h2']);
  });

  it('finds nothing in a prescription without its household, nor in a count', () => {
    expect(householdIdsIn({ documentId: 'p1', number: 'PR-1', household: { count: 1 } }, 'api::prescription.prescription', attributesOf)).toEqual([]);
    expect(householdIdsIn(3, 'api::household.household', attributesOf)).toEqual([]);
  });
});

describe('noteHouseholdReads', () => {
  it('collects a request’s reads by kind, once each', () => {
    const request = { state: {} };
    noteHouseholdReads(request, ['h2', 'h1'], 'list');
    noteHouseholdReads(request, ['h1'], 'list');
    noteHouseholdReads(request, ['h1'], 'document');
    expect(householdReadsOf(request)).toEqual([
      { kind: 'list', householdDocumentIds: ['h1', 'h2'] },
      { kind: 'document', householdDocumentIds: ['h1'] },
    ]);
  });

  it('ignores reads made outside a request (the app’s own work)', () => {
    expect(() => noteHouseholdReads(undefined, ['h1'], 'read')).not.toThrow();
  });
});
