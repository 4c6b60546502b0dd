import type { StorageDeviceDraft } from '../../../shared/contracts';
import { capacityGb, findSizes, type SizeToken, type UnitHint } from './sizes';

/** One disk read from a cell: its capacity when the cell gives one, its interface, what else it said. */
export interface DiskReading {
  text: string;
  capacityGb: number | null;
  interface: StorageDeviceDraft['interface'];
  /** The interface was written in the cell (SATA, NVMe...), not taken by default. */
  interfaceWritten: boolean;
  /** What is left once size and interface are taken out: usually the disk's model. */
  model: string | null;
}

export type DiskCell = { disks: DiskReading[] } | { error: string };

const padded = (text: string) =>
  ` ${text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;

const INTERFACES: [StorageDeviceDraft['interface'], RegExp][] = [
  // SATA first: "M.2 SATA" and "SATA SSD" are SATA whatever else the cell says.
  ['sata', / (sata|serial ata|sata\d|sataii|sataiii|sata ii|sata iii)(?= )/],
  ['nvme', / (nvme|pcie|pci e|pci express)(?= )/],
  ['ide', / (ide|pata|eide|ultra ata|ultra dma)(?= )/],
  ['sas', / (sas|scsi|sas\d)(?= )/],
  ['emmc', / (emmc|mmc)(?= )/],
  ['usb', / (usb|usb\d)(?= )/],
];

/** The interface a disk's description names, or null when it names none. */
export function writtenInterface(text: string): StorageDeviceDraft['interface'] | null {
  const words = padded(text);
  for (const [name, pattern] of INTERFACES) if (pattern.test(words)) return name;
  return null;
}

// Words that say what kind of disk it is, not which: "500 GB HDD", "256GB SSD" name no model.
const GENERIC = new Set(['ssd', 'hdd', 'hd', 'disque', 'dur', 'disk', 'drive', 'hard', 'flash', 'sshd', 'interne', 'internal', 'de', 'x']);

const INTERFACE_WORDS = /\b(sata(?:[ -]?(?:i{1,3}|\d))?|serial ata|nvme|pcie|pci express|ide|pata|eide|sas|scsi|emmc|usb(?:[ -]?\d(?:\.\d)?)?)\b/gi;

/** The model once sizes, interface words, parentheses and dashes are taken out ("WDC WD800JD-60LSA5"). */
function leftover(text: string, tokens: SizeToken[]): string | null {
  let rest = text;
  for (const t of [...tokens].reverse()) rest = rest.slice(0, t.start) + ' ' + rest.slice(t.end);
  rest = rest
    .replace(INTERFACE_WORDS, ' ')
    .replace(/\(\s*\)|\[\s*\]/g, ' ')
    .replace(/(^|\s)[-–—:,;/+]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (rest === '' || rest.toLowerCase().split(/[^a-z0-9]+/).every((w) => w === '' || GENERIC.has(w))) return null;
  return rest;
}

/** Lines of a multi-valued cell: GLPI joins values with "<br>", "$$##$$" or line breaks. */
export function splitLines(text: string): string[] {
  return text
    .split(/\$\$##\$\$|<br\s*\/?>|<hr\s*\/?>|\r\n|\n|\r|\s\|\s|;/i)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

// "500 Go + 250 Go", "500 Go / 250 Go", "500 Go, 250 Go", "500 Go et 250 Go" on one line.
const SAME_LINE_SEPARATORS = /\s\+\s|\s\/\s|,\s|\set\s|\sand\s|\s&\s/i;
// "2 x 500 Go", "2x500GB", "2 × 1 To": that many identical disks.
const MULTIPLIER = /^(\d{1,2})\s*[x×]\s*(?=\d)/i;

/**
 * One line of a disk cell: a size (with its unit, or a bare number when the line is only that),
 * an optional interface and model, in any order: "WDC WD800JD-60LSA5 - 80 Go (SATA)",
 * "80 GB SATA WDC WD800JD", "476940", "2 x 500 Go".
 */
function readLine(line: string, hint: UnitHint): DiskReading[] | { error: string } {
  const multiplied = MULTIPLIER.exec(line);
  const count = multiplied ? Number(multiplied[1]) : 1;
  const body = multiplied ? line.slice(multiplied[0].length) : line;
  // Under a header that gives the unit ("Disques (Go)"), a bare number is a size in that unit.
  const tokens = findSizes(body).map((t) => (t.unit === null && hint !== null ? { ...t, unit: hint } : t));
  const withUnit = tokens.filter((t) => t.unit !== null);
  const bare = tokens.length === 1 && tokens[0].start === 0 && tokens[0].end === body.trim().length ? tokens[0] : null;
  const iface = writtenInterface(body);
  const reading = (size: SizeToken): DiskReading => ({
    text: line,
    capacityGb: capacityGb(size, hint),
    interface: iface ?? 'sata',
    interfaceWritten: iface !== null,
    model: leftover(body, [size]),
  });
  if (withUnit.length === 0) {
    if (bare) return Array.from({ length: count }, () => reading(bare));
    return { error: 'aucune capacité lisible (ex. « 500 Go », « 80 GB SATA », « 476940 Mio »)' };
  }
  if (withUnit.length === 1) return Array.from({ length: count }, () => reading(withUnit[0]));
  // Several sizes on one line: one disk each, if separators say where each one ends.
  const parts = body.split(SAME_LINE_SEPARATORS).map((p) => p.trim()).filter((p) => p !== '');
  const readings = parts.length > 1 ? parts.map((p) => readLine(p, hint)) : [];
  if (parts.length > 1 && parts.length === withUnit.length && readings.every((r): r is DiskReading[] => Array.isArray(r) && r.length === 1)) {
    return readings.flat();
  }
  return { error: `${withUnit.length} capacités sur une ligne sans séparateur clair : mettez un disque par ligne` };
}

/** Every disk a cell lists (one per line, or joined as GLPI joins them), or why it cannot be read. */
export function readDiskCell(text: string, hint: UnitHint): DiskCell {
  const disks: DiskReading[] = [];
  for (const line of splitLines(text)) {
    const read = readLine(line, hint);
    if (!Array.isArray(read)) return { error: `« ${line} » : ${read.error}` };
    disks.push(...read);
  }
  return { disks };
}
