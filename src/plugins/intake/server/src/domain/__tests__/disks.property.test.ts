import fc from 'fast-check';
import type { StorageDeviceDraft } from '../../../../shared/contracts';
import { readDiskCell } from '../disks';
import { capacityGb, parseQuantity, type Prefix } from '../sizes';

// The family of disk cells inventory tools write, generated: any model, any size in any unit
// (French octets or English bytes, decimal or binary), decimal comma or point, spaces between
// thousands, the interface before or after or in parentheses, several disks joined as GLPI joins them.

const UNITS: [string, Prefix][] = [
  ['Mo', 'mega'], ['MB', 'mega'], ['Mio', 'mebi'], ['MiB', 'mebi'], ['Go', 'giga'], ['GB', 'giga'], ['Gio', 'gibi'], ['GiB', 'gibi'],
  ['To', 'tera'], ['TB', 'tera'], ['Tio', 'tebi'], ['TiB', 'tebi'], ['G', 'giga'], ['T', 'tera'],
];
const BYTES: Record<Prefix, number> = { kilo: 1e3, kibi: 1024, mega: 1e6, mebi: 1024 ** 2, giga: 1e9, gibi: 1024 ** 3, tera: 1e12, tebi: 1024 ** 4 };
const INTERFACES: [string, StorageDeviceDraft['interface']][] = [
  ['SATA', 'sata'], ['SATA-II', 'sata'], ['SATA3', 'sata'], ['SATA 6Gb/s', 'sata'], ['IDE', 'ide'], ['PATA', 'ide'], ['NVMe', 'nvme'], ['PCIe', 'nvme'],
  ['SAS', 'sas'], ['SCSI', 'sas'], ['eMMC', 'emmc'], ['USB', 'usb'], ['USB 3.0', 'usb'],
];

/** A model as vendors name disks: words that start with a letter ("WDC", "WD800JD-60LSA5", "ST3160815AS", "EVO"). */
const modelWord = fc
  .tuple(fc.stringMatching(/^[A-Z]{1,4}$/), fc.stringMatching(/^[0-9]{0,6}[A-Z]{0,3}$/), fc.option(fc.stringMatching(/^-[0-9A-Z]{2,8}$/), { nil: '' }))
  .map(([a, b, c]) => `${a}${b}${c}`)
  .filter((w) => !/^(SATA|IDE|PATA|EIDE|NVME|PCIE|SAS|SCSI|EMMC|MMC|USB|ET|AND)\d*$/i.test(w) && !/^(K|M|G|T)(O|B|IO|IB)?$/i.test(w));
const model = fc.array(modelWord, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

/** A size as written, and the value it stands for. */
const size = fc
  .record({
    whole: fc.integer({ min: 1, max: 999999 }),
    decimals: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
    unit: fc.constantFrom(...UNITS),
    comma: fc.boolean(),
    thousandsSpace: fc.boolean(),
    spaceBeforeUnit: fc.boolean(),
  })
  .map(({ whole, decimals, unit, comma, thousandsSpace, spaceBeforeUnit }) => {
    const grouped = thousandsSpace ? whole.toLocaleString('en-US').replace(/,/g, ' ') : String(whole);
    const fraction = decimals === null ? '' : `${comma ? ',' : '.'}${String(decimals).padStart(2, '0')}`;
    const value = Number(`${whole}${decimals === null ? '' : `.${String(decimals).padStart(2, '0')}`}`);
    // A one-letter unit sticks to its number ("500G"); the others may follow a space ("80 Go").
    const space = spaceBeforeUnit && unit[0].length > 1 ? ' ' : '';
    return { text: `${grouped}${fraction}${space}${unit[0]}`, value, prefix: unit[1] };
  })
  .filter((s) => (s.value * BYTES[s.prefix]) / 1e9 <= 100000);

const expectedGb = (value: number, prefix: Prefix) => {
  const gb = (value * BYTES[prefix]) / 1e9;
  return gb > 0 ? Math.max(1, Math.round(gb)) : 0;
};

const diskText = fc
  .record({ model: fc.option(model, { nil: null }), size, iface: fc.option(fc.constantFrom(...INTERFACES), { nil: null }), layout: fc.integer({ min: 0, max: 3 }) })
  .map(({ model: m, size: s, iface, layout }) => {
    const i = iface?.[0];
    const parts =
      layout === 0 ? [m && `${m} -`, s.text, i && `(${i})`] // GLPI « Composants »: "WDC WD800JD-60LSA5 - 80 Go (SATA)"
        : layout === 1 ? [s.text, i, m] // "80 GB SATA WDC WD800JD-60LSA5"
          : layout === 2 ? [i, s.text, m] // "SATA 80 Go WDC…"
            : [m, s.text, i]; // "WDC WD800JD 80 Go SATA"
    return { text: parts.filter(Boolean).join(' '), gb: expectedGb(s.value, s.prefix), iface: iface?.[1] ?? 'sata' };
  });

describe('disk cells, whatever the tool wrote (property)', () => {
  it('reads any size in any unit as the GB printed on the disk', () => {
    fc.assert(
      fc.property(size, (s) => {
        const quantity = parseQuantity(s.text);
        expect(quantity).toEqual({ value: s.value, unit: s.prefix });
        expect(capacityGb(quantity as NonNullable<typeof quantity>, null)).toBe(expectedGb(s.value, s.prefix));
      }),
      { numRuns: 500 },
    );
  });

  it('reads every disk of a cell, in order, with its size and interface, whatever the layout and the separator', () => {
    fc.assert(
      fc.property(fc.array(diskText, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n', '<br>', '$$##$$', '<br />'), (disks, separator) => {
        const read = readDiskCell(disks.map((d) => d.text).join(separator), null);
        expect(read).toEqual({ disks: disks.map((d) => expect.objectContaining({ capacityGb: d.gb, interface: d.iface })) });
      }),
      { numRuns: 500 },
    );
  });

  it('never guesses a size from a model alone', () => {
    fc.assert(
      fc.property(model, (m) => {
        expect(readDiskCell(m, null)).toEqual({ error: expect.stringContaining('aucune capacité lisible') });
      }),
      { numRuns: 300 },
    );
  });
});
