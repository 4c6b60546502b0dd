import { coveredPrefixes, normalizePostcode, postcodeOf, routeByPostcode, type RoutableWorkshop } from '../routing';

const BREST = 1;
const MORLAIX = 2;
const QUIMPER = 3;
const AJACCIO = 4;

const network: RoutableWorkshop[] = [
  { id: BREST, postalCodes: '29', isDefault: true },
  { id: MORLAIX, postalCodes: '29600, 29610 ,296', isDefault: false },
  { id: QUIMPER, postalCodes: ' 29 000,291', isDefault: false },
  { id: AJACCIO, postalCodes: '2A, 20000', isDefault: false },
];

describe('normalizePostcode', () => {
  it('keeps five digits, drops spaces of any kind, upper-cases Corsican codes', () => {
    expect(normalizePostcode('29600')).toBe('29600');
    expect(normalizePostcode(' 29 600 ')).toBe('29600');
    expect(normalizePostcode('29\u00a0600')).toBe('29600');
    expect(normalizePostcode('2a004')).toBe('2A004');
    expect(normalizePostcode('2B 200')).toBe('2B200');
  });

  it('refuses what is not a postcode', () => {
    for (const bad of ['', '   ', 'abcde', 'Morlaix', '2960', '296000', '29-600', '2C004', '2A04', 'A2004', '29.600']) {
      expect({ bad, code: normalizePostcode(bad) }).toEqual({ bad, code: null });
    }
    expect(normalizePostcode(undefined)).toBeNull();
    expect(normalizePostcode(29600)).toBeNull();
  });
});

describe('coveredPrefixes', () => {
  it('reads comma-separated prefixes, spaces ignored, malformed entries dropped', () => {
    expect(coveredPrefixes('29600, 29610 ,296')).toEqual(['29600', '29610', '296']);
    expect(coveredPrefixes(' 29 000,,291')).toEqual(['29000', '291']);
    expect(coveredPrefixes('2a, 2B1')).toEqual(['2A', '2B1']);
    expect(coveredPrefixes('Morlaix, 296001, *, 29')).toEqual(['29']);
    expect(coveredPrefixes('')).toEqual([]);
    expect(coveredPrefixes(null)).toEqual([]);
    expect(coveredPrefixes(undefined)).toEqual([]);
  });
});

describe('routeByPostcode', () => {
  it('picks the longest covering prefix', () => {
    expect(routeByPostcode('29600', network)).toBe(MORLAIX); // 29600 (5) beats 296 (3) and 29 (2)
    expect(routeByPostcode('29650', network)).toBe(MORLAIX); // 296
    expect(routeByPostcode('29000', network)).toBe(QUIMPER); // 29000
    expect(routeByPostcode('29100', network)).toBe(QUIMPER); // 291
    expect(routeByPostcode('29200', network)).toBe(BREST); // only 29
  });

  it('ignores spaces in the visitor’s code', () => {
    expect(routeByPostcode(' 29 600 ', network)).toBe(MORLAIX);
  });

  it('routes Corsican 2A/2B codes by the same prefix rule', () => {
    expect(routeByPostcode('2A004', network)).toBe(AJACCIO);
    expect(routeByPostcode('2a 004', network)).toBe(AJACCIO);
    expect(routeByPostcode('20000', network)).toBe(AJACCIO);
    expect(routeByPostcode('2B200', network)).toBe(BREST); // nobody covers 2B: the default
  });

  it('sends anything uncovered or invalid to the default workshop', () => {
    for (const input of ['75001', '', '   ', 'Morlaix', 'abcde', '2960', '296000', '29 60', null, undefined, 42]) {
      expect({ input, id: routeByPostcode(input, network) }).toEqual({ input, id: BREST });
    }
  });

  it('a shorter prefix never steals a longer one, whatever the order of the workshops', () => {
    expect(routeByPostcode('29600', [...network].reverse())).toBe(MORLAIX);
  });

  it('breaks an equal tie for the default workshop, else the lowest id', () => {
    const tie: RoutableWorkshop[] = [
      { id: 9, postalCodes: '29600', isDefault: false },
      { id: 5, postalCodes: '29600', isDefault: false },
      { id: 1, postalCodes: '', isDefault: true },
    ];
    expect(routeByPostcode('29600', tie)).toBe(5);
    expect(routeByPostcode('29600', [...tie, { id: 12, postalCodes: '29600', isDefault: true }].map((w) => (w.id === 1 ? { ...w, isDefault: false } : w)))).toBe(12);
  });

  it('a default workshop with no codes still receives what no one covers; no workshop at all → null', () => {
    expect(routeByPostcode('75001', [{ id: 7, postalCodes: null, isDefault: true }])).toBe(7);
    expect(routeByPostcode('75001', [{ id: 7, postalCodes: '29', isDefault: false }])).toBeNull();
    expect(routeByPostcode('29600', [])).toBeNull();
  });
});

describe('postcodeOf', () => {
  it('prefers the postcode field, else a postcode typed with the commune', () => {
    expect(postcodeOf('29600', 'Brest')).toBe('29600');
    expect(postcodeOf('', '29600 Morlaix')).toBe('29600');
    expect(postcodeOf('', 'Morlaix (29 600)')).toBe('29600');
    expect(postcodeOf('', 'Ajaccio 2A004')).toBe('2A004');
    expect(postcodeOf('n/a', 'Morlaix, 29600')).toBe('29600');
  });

  it('finds none in a bare commune or a number of the wrong length', () => {
    expect(postcodeOf('', 'Morlaix')).toBeNull();
    expect(postcodeOf('', '296001 Morlaix')).toBeNull();
    expect(postcodeOf('', '12 rue de Brest')).toBeNull();
    expect(postcodeOf('', '')).toBeNull();
  });
});
