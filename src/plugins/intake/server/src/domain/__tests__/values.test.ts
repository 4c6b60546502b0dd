import { readDiskCell } from '../disks';
import { capacityGb, parseQuantity, unitHint } from '../sizes';
import { isPlaceholderSerial, parseCondition, parseMachineType, parseRamGb } from '../values';

const disk = (text: string, hint: Parameters<typeof readDiskCell>[1] = null) => readDiskCell(text, hint);

describe('understanding the values of a donor export', () => {
  it.each([
    ['Ordinateur portable', 'laptop'], ['Portable', 'laptop'], ['Laptop', 'laptop'], ['Notebook', 'laptop'], ['Laptops', 'laptop'],
    ['Unité centrale', 'desktop'], ['UNITE CENTRALE', 'desktop'], ['Desktop', 'desktop'], ['Tour', 'desktop'], ['Desktops', 'desktop'],
    ['Écran', 'screen'], ['Moniteur', 'screen'], ['Monitors', 'screen'], ['Tout-en-un', 'all_in_one'], ['All-in-one', 'all_in_one'],
    ['laptop', 'laptop'], ['Serveur', 'server'], ['Tablette', 'other'],
  ])('reads the type "%s" as %s', (text, type) => {
    expect(parseMachineType(text)).toEqual({ type, known: true });
  });

  it('takes an unknown type as "other" and says it did not recognise it', () => {
    expect(parseMachineType('Photocopieur')).toEqual({ type: 'other', known: false });
  });

  it.each([
    ['4096', 'mebi', 4], ['4096 Mio', null, 4], ['2048 Mo', null, 2], ['8 Go', null, 8], ['8GB', null, 8], ['16', null, 16],
    ['3072', null, 3], ['1,5 Go', null, 1.5], ['4 Go DDR3', null, 4], ['512', 'giga', 512], ['4 096', 'mega', 4], ['512 MB', null, 0.5],
  ] as const)('reads RAM "%s" (header unit %s) as %s GB', (text, hint, gb) => {
    expect(parseRamGb(text, hint)).toBe(gb);
  });

  it('says RAM written in words is not a number', () => {
    expect(parseRamGb('beaucoup', null)).toBeNull();
    expect(parseRamGb('4 barrettes', null)).toBeNull();
  });

  it.each([
    ['Mémoire (Mio)', 'mebi'], ['RAM (MB)', 'mega'], ['RAM (Mo)', 'mega'], ['Disques (Go)', 'giga'], ['Capacité (To)', 'tera'], ['Modèle', null],
  ])('reads the unit the header "%s" announces as %s', (header, hint) => {
    expect(unitHint(header)).toBe(hint);
  });

  it.each([
    ['500 Go', 500], ['250 GB', 250], ['476940 Mio', 500], ['476 940 Mio', 500], ['1 To', 1000], ['238475', 250], ['160', 160],
    ['74,53 Gio', 80], ['74.53 GiB', 80], ['1.82 TiB', 2001], ['80026 Mo', 80], ['512 Mo', 1],
  ])('reads the disk size "%s" as %s GB, as printed on its label', (text, gb) => {
    const quantity = parseQuantity(text);
    expect(quantity).not.toBeNull();
    expect(capacityGb(quantity as NonNullable<typeof quantity>, null)).toBe(gb);
  });

  it.each([
    ['WDC WD800JD-60LSA5 - 80 Go (SATA)', [{ capacityGb: 80, interface: 'sata', model: 'WDC WD800JD-60LSA5' }]],
    ['80 GB SATA WDC WD800JD-60LSA5', [{ capacityGb: 80, interface: 'sata', model: 'WDC WD800JD-60LSA5' }]],
    ['Maxtor 6Y080L0 - 80 Go (IDE)', [{ capacityGb: 80, interface: 'ide', model: 'Maxtor 6Y080L0' }]],
    ['SAMSUNG MZVLB512HAJQ - 476,94 Gio (NVMe)', [{ capacityGb: 512, interface: 'nvme', model: 'SAMSUNG MZVLB512HAJQ' }]],
    ['ST3160815AS - 160 Go (SATA)\nWDC WD800JD-60LSA5 - 80 Go (SATA)', [{ capacityGb: 160 }, { capacityGb: 80 }]],
    ['256 Go<br>1 To', [{ capacityGb: 256 }, { capacityGb: 1000 }]],
    ['476940 Mio$$##$$40 Go IDE', [{ capacityGb: 500, interface: 'sata' }, { capacityGb: 40, interface: 'ide' }]],
    ['500 Go + 250 Go', [{ capacityGb: 500 }, { capacityGb: 250 }]],
    ['2 x 250 Go', [{ capacityGb: 250 }, { capacityGb: 250 }]],
    ['256GB SSD', [{ capacityGb: 256, interface: 'sata', model: null }]],
    ['Samsung SSD 860 EVO 500GB', [{ capacityGb: 500, interface: 'sata', model: 'Samsung SSD 860 EVO' }]],
  ] as const)('reads the disk cell "%s"', (text, disks) => {
    const read = disk(text);
    expect('disks' in read && read.disks.map((d) => ({ capacityGb: d.capacityGb, interface: d.interface, model: d.model }))).toEqual(
      disks.map((d) => expect.objectContaining(d)),
    );
  });

  it('reads bare numbers in the unit their header gives', () => {
    expect(disk('500 + 250', 'giga')).toEqual({ disks: [expect.objectContaining({ capacityGb: 500 }), expect.objectContaining({ capacityGb: 250 })] });
  });

  it('refuses a disk cell with no size, or with sizes it cannot tell apart', () => {
    expect(disk('un gros disque')).toEqual({ error: expect.stringContaining('aucune capacité lisible') });
    expect(disk('WDC WD800JD-60LSA5')).toEqual({ error: expect.stringContaining('aucune capacité lisible') });
    expect(disk('80 Go 74,53 Gio')).toEqual({ error: expect.stringContaining('2 capacités sur une ligne') });
  });

  it('takes a model number for what it is, not a size ("WD800JD", "ST3160815AS")', () => {
    expect(disk('WD800JD 160 Go')).toEqual({ disks: [expect.objectContaining({ capacityGb: 160, model: 'WD800JD' })] });
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
