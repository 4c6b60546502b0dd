import { isValidSiret } from '../../domain/siret';
import { generateMachine, siretFromStem } from '../hardware';
import { createRandom } from '../random';

const fleet = (seed: number) => {
  const r = createRandom(seed);
  return Array.from({ length: 200 }, () => generateMachine(r, [[0, 1], [8, 1], [13, 1]]));
};

describe('demo hardware generator', () => {
  it('draws the same fleet from the same seed', () => {
    expect(fleet(2012)).toEqual(fleet(2012));
  });

  it('draws another fleet from another seed', () => {
    expect(fleet(2013)).not.toEqual(fleet(2012));
  });

  it('gives screens no CPU, RAM or disk', () => {
    for (const m of fleet(7).filter((u) => u.type === 'screen')) {
      expect([m.cpu, m.ramGb, m.storageDevices.length]).toEqual([null, null, 0]);
    }
  });

  it('makes SIRETs whose key is valid', () => {
    expect(isValidSiret(siretFromStem('2629002110001'))).toBe(true);
  });
});
