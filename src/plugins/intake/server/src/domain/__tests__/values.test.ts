import { parseCapacityGb, parseCondition, parseMachineType, parseRamGb, splitMultiValue, parseInterface, isPlaceholderSerial } from '../values';

describe('understanding the values of a donor export', () => {
  it.each([
    ['Ordinateur portable', 'laptop'], ['Portable', 'laptop'], ['Laptop', 'laptop'], ['Notebook', 'laptop'], ['Laptops', 'laptop'],
    ['Unité centrale', 'desktop'], ['UNITE CENTRALE', 'desktop'], ['Desktop', 'desktop'], ['Tour', 'desktop'], ['Desktops', 'desktop'],
    ['Écran', 'screen'], ['Moniteur', 'screen'], ['Monitors', 'screen'], ['Tout-en-un', 'all_in_one'], ['All-in-one', 'all_in_one'],
    ['laptop', 'laptop'], ['Serveur', 'server'],
  ])('reads the type "%s" as %s', (text, type) => {
    expect(parseMachineType(text)).toEqual({ type, known: true });
  });

  it('takes an unknown type as "other" and says it did not recognise it', () => {
    expect(parseMachineType('Photocopieur')).toEqual({ type: 'other', known: false });
  });

  it.each([
    ['4096', 'mebi', 4], ['4096 Mio', null, 4], ['2048 Mo', null, 2], ['8 Go', null, 8], ['8GB', null, 8], ['16', null, 16],
    ['3072', null, 3], ['1,5 Go', null, 1.5], ['4 Go DDR3', null, 4], ['512', 'giga', 512],
  ] as const)('reads RAM "%s" (header unit %s) as %s GB', (text, hint, gb) => {
    expect(parseRamGb(text, hint)).toBe(gb);
  });

  it('says RAM written in words is not a number', () => {
    expect(parseRamGb('beaucoup', null)).toBeNull();
  });

  it.each([
    ['500 Go', 500], ['250 GB', 250], ['476940 Mio', 500], ['476 940 Mio', 500], ['1 To', 1000], ['238475', 250], ['160', 160],
  ])('reads the disk "%s" as %s GB', (text, gb) => {
    expect(parseCapacityGb(text, null)).toBe(gb);
  });

  it('splits the disks GLPI lists in one cell', () => {
    expect(splitMultiValue('476940 Mio$$##$$238475 Mio')).toEqual(['476940 Mio', '238475 Mio']);
    expect(splitMultiValue('500 Go<br>250 Go')).toEqual(['500 Go', '250 Go']);
    expect(splitMultiValue('500 Go\n250 Go')).toEqual(['500 Go', '250 Go']);
  });

  it('recognises an NVMe or IDE disk and takes SATA otherwise', () => {
    expect(parseInterface('512 Go NVMe')).toBe('nvme');
    expect(parseInterface('40 Go IDE')).toBe('ide');
    expect(parseInterface('500 Go')).toBe('sata');
  });

  it.each([['A', 'grade_a'], ['Bon état', 'grade_b'], ['c', 'grade_c'], ['HS', 'unusable'], ['B — bon état', 'grade_b']])(
    'reads the condition "%s" as %s',
    (text, grade) => expect(parseCondition(text)).toBe(grade),
  );

  it('does not guess an unknown condition', () => {
    expect(parseCondition('Moyennement bien')).toBeNull();
  });

  it('ignores the serials BIOSes write when they know none', () => {
    expect(isPlaceholderSerial('To be filled by O.E.M.')).toBe(true);
    expect(isPlaceholderSerial('CZC1234XYZ')).toBe(false);
  });
});
