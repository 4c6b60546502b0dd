import { QueryRefused, restrictQuery, type Attribute, type PortalActor } from '../scope';

const SCHEMAS: Record<string, Record<string, Attribute>> = {
  'api::prescription.prescription': {
    reason: { type: 'text' },
    receivedAt: { type: 'date' },
    prescriber: { type: 'relation', target: 'api::prescriber.prescriber' },
    household: { type: 'relation', target: 'api::household.household' },
    machines: { type: 'relation', target: 'api::machine.machine' },
    needs: { type: 'component', component: 'prescription.needs' },
  },
  'api::household.household': {
    referenceName: { type: 'string' },
    prescriber: { type: 'relation', target: 'api::prescriber.prescriber' },
    prescriptions: { type: 'relation', target: 'api::prescription.prescription' },
  },
  'prescription.needs': { screen: { type: 'boolean' } },
  'api::donation.donation': {
    reference: { type: 'string' },
    notes: { type: 'text' },
    machines: { type: 'relation', target: 'api::machine.machine' },
  },
  'api::machine.machine': {
    labelCode: { type: 'string' },
    notes: { type: 'text' },
    donation: { type: 'relation', target: 'api::donation.donation' },
  },
};
const schemaOf = (uid: string) => SCHEMAS[uid] ?? {};
const A: PortalActor = { kind: 'prescriber', userId: 1, structureId: 7 };
const PRESCRIPTION = 'api::prescription.prescription';
const own = { prescriber: { id: { $eq: 7 } } };

describe('restrictQuery', () => {
  it('ANDs the structure into the filters, with or without user filters', () => {
    expect(restrictQuery({}, PRESCRIPTION, A, schemaOf).filters).toEqual(own);
    expect(restrictQuery({ filters: { reason: { $eq: 'x' } } }, PRESCRIPTION, A, schemaOf).filters).toEqual({ $and: [own, { reason: { $eq: 'x' } }] });
  });

  it('narrows a filter through a relation to the rows the structure owns, even under $not', () => {
    const q = restrictQuery({ filters: { $not: { household: { referenceName: { $eq: 'B' } } } } }, PRESCRIPTION, A, schemaOf);
    expect(q.filters).toEqual({ $and: [own, { $not: { household: { $and: [{ referenceName: { $eq: 'B' } }, own] } } }] });
  });

  it('refuses relations outside the allowed ones, deeper relations and unknown operators', () => {
    for (const filters of [{ household: ['x'] }, { household: 'x' }, { prescriber: { name: { $eq: 'B' } } }, { household: { prescriptions: { reason: { $eq: 'x' } } } }, { $where: 'x' }]) {
      expect(() => restrictQuery({ filters }, PRESCRIPTION, A, schemaOf)).toThrow(QueryRefused);
    }
  });

  it('populates an allowed relation filtered to the structure, components as they are, and refuses the rest', () => {
    const q = restrictQuery({ populate: ['household', 'needs'] }, PRESCRIPTION, A, schemaOf);
    expect(q.populate).toEqual({ household: { filters: own }, needs: true });
    for (const populate of ['*', 'machines', 'household.prescriptions', { household: { populate: { prescriptions: true } } }]) {
      expect(() => restrictQuery({ populate }, PRESCRIPTION, A, schemaOf)).toThrow(QueryRefused);
    }
  });

  it('sorts on the type’s own scalar fields only', () => {
    expect(restrictQuery({ sort: 'receivedAt:desc' }, PRESCRIPTION, A, schemaOf).sort).toBe('receivedAt:desc');
    for (const sort of ['household.referenceName:asc', { household: { referenceName: 'asc' } }, ['prescriber'], 'needs']) {
      expect(() => restrictQuery({ sort }, PRESCRIPTION, A, schemaOf)).toThrow(QueryRefused);
    }
  });

  it('refuses to filter, sort, select or populate on what a donor never reads (staff notes), at any depth', () => {
    const X: PortalActor = { kind: 'donor', userId: 2, structureId: 9 };
    const DONATION = 'api::donation.donation';
    const refused = [
      { filters: { notes: { $startsWith: 'N' } } },
      { filters: { $or: [{ notes: { $startsWith: 'N' } }, { reference: { $eq: 'x' } }] } },
      { filters: { $not: { notes: { $null: true } } } },
      { filters: { machines: { notes: { $startsWith: 'R' } } } },
      { sort: 'notes:asc' },
      { fields: ['reference', 'notes'] },
      { populate: { machines: { fields: ['notes'] } } },
      { populate: { machines: { sort: 'notes' } } },
      { populate: { machines: { filters: { notes: { $startsWith: 'R' } } } } },
    ];
    for (const query of refused) expect(() => restrictQuery(query, DONATION, X, schemaOf)).toThrow(QueryRefused);
    expect(() => restrictQuery({ filters: { donation: { notes: { $eq: 'x' } } } }, 'api::machine.machine', X, schemaOf)).toThrow(QueryRefused);
    expect(restrictQuery({ filters: { reference: { $eq: 'LOT-1' } }, sort: 'reference', fields: ['reference'] }, DONATION, X, schemaOf).fields).toEqual(['reference']);
  });

  it('refuses a type the structure does not own', () => {
    expect(() => restrictQuery({}, 'api::donation.donation', A, schemaOf)).toThrow(QueryRefused);
  });
});
