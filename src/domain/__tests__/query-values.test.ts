import { dataProblems, queryProblems, scalarProblem, whereProblems, type ModelOf, type ModelShape } from '../query-values';

const models: Record<string, ModelShape> = {
  'api::machine.machine': {
    attributes: {
      documentId: { type: 'string' },
      ramGb: { type: 'integer' },
      serialNumber: { type: 'string' },
      registeredAt: { type: 'date' },
      details: { type: 'json' },
      donation: { type: 'relation', target: 'api::donation.donation' },
    },
    columns: new Set(['id', 'document_id', 'ram_gb', 'serial_number', 'registered_at', 'details']),
  },
  'api::donation.donation': { attributes: { collectedAt: { type: 'date' }, reference: { type: 'string' } }, columns: new Set(['id', 'collected_at', 'reference']) },
};
const modelOf: ModelOf = (uid) => models[uid];
const MACHINE = 'api::machine.machine';
const paths = (problems: { path: string[] }[]) => problems.map((p) => p.path.join('.'));

describe('values handed to PostgreSQL', () => {
  it('accepts well-formed filters, including relations and lists', () => {
    expect(whereProblems({ id: { $eq: '3' }, ramGb: { $in: ['4', 8] }, donation: { collectedAt: { $gte: '2012-01-31' } }, $or: [{ serialNumber: { $containsi: 'ab' } }] }, MACHINE, modelOf)).toEqual([]);
    expect(queryProblems({ filters: () => ({ id: 1 }) }, MACHINE, modelOf)).toEqual([]);
    expect(whereProblems({ donation: 3, registeredAt: { $between: ['2012-01-01', '2012-12-31'] }, details: { $null: true } }, MACHINE, modelOf)).toEqual([]);
  });

  it('refuses an id that is not an integer or beyond the column, naming the parameter in French', () => {
    const problems = whereProblems({ id: { $eq: 'abc' }, ramGb: '99999999999999999999' }, MACHINE, modelOf);
    expect(paths(problems)).toEqual(['filters.id.$eq', 'filters.ramGb']);
    expect(problems[0].message).toBe('« filters.id.$eq » attend un nombre entier entre -2147483648 et 2147483647 (reçu : « abc »).');
  });

  it('refuses dates of year 0000 and days that do not exist', () => {
    expect(scalarProblem('date', '0000-01-01')).toMatch(/année 0001 à 9999/);
    expect(scalarProblem('date', '2026-02-30')).not.toBeNull();
    expect(scalarProblem('date', '2024-02-29')).toBeNull();
    expect(scalarProblem('datetime', '0000-00-00T00:00:00.000Z')).not.toBeNull();
    expect(scalarProblem('datetime', '2026-12-01T21:40:07.287Z')).toBeNull();
    expect(dataProblems({ registeredAt: '0000-01-01', serialNumber: 'ok' }, MACHINE, modelOf).map((p) => p.path.join('.'))).toEqual(['registeredAt']);
  });

  it('refuses text operators on numbers, unknown operators, mixed relation conditions and unknown keys', () => {
    expect(paths(whereProblems({ ramGb: { $contains: '4' } }, MACHINE, modelOf))).toEqual(['filters.ramGb.$contains']);
    expect(paths(whereProblems({ ramGb: { $unknown: '4' } }, MACHINE, modelOf))).toEqual(['filters.ramGb.$unknown']);
    expect(paths(whereProblems({ donation: { $lt: 'signedAt' } }, MACHINE, modelOf))).toEqual(['filters.donation.$lt']);
    expect(paths(whereProblems({ donation: { $eq: 1, reference: 'x' } }, MACHINE, modelOf))).toEqual(['filters.donation']);
    expect(paths(whereProblems({ nonexistent: 1 }, MACHINE, modelOf))).toEqual(['filters.nonexistent']);
    expect(whereProblems({ serial_number: 'x' }, MACHINE, modelOf)).toEqual([]);
    expect(paths(whereProblems({ $or: { id: 1 } }, MACHINE, modelOf))).toEqual(['filters.$or']);
    expect(paths(whereProblems({ registeredAt: { $between: ['2012-01-01'] } }, MACHINE, modelOf))).toEqual(['filters.registeredAt.$between']);
  });

  it('refuses the NUL character, which PostgreSQL cannot store, in text and JSON', () => {
    expect(paths(whereProblems({ serialNumber: 'a\u0000b' }, MACHINE, modelOf))).toEqual(['filters.serialNumber']);
    expect(dataProblems({ details: { note: 'a\u0000' } }, MACHINE, modelOf)).toHaveLength(1);
  });

  it('checks pagination and the filters of populated relations', () => {
    expect(paths(queryProblems({ limit: 'id', offset: '-5' }, MACHINE, modelOf))).toEqual(['limit', 'offset']);
    expect(paths(queryProblems({ populate: { donation: { where: { collectedAt: '2012-13-01' } } } }, MACHINE, modelOf))).toEqual(['populate.donation.filters.collectedAt']);
  });
});
