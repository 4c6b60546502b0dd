import { isValidSiret } from '../domain/siret';
import type { Random } from './random';

/**
 * Plausible hardware of administrations' fleets: decommissioned around 2011–2012 (the story's
 * fleets), then the 2018–2020 models fleets give away today (the recent stretch). New models go at
 * the end: a fleet's `mix` names models by index.
 */
type DiskInterface = 'sata' | 'ide' | 'nvme';

interface ModelSpec {
  type: 'desktop' | 'laptop' | 'all_in_one' | 'screen';
  brand: string;
  model: string;
  cpus: string[];
  ram: number[];
  disks: Array<{ interface: DiskInterface; capacities: number[] }>;
  serial: (r: Random) => string;
}

const dellTag = (r: Random) => r.chars('0123456789BCDFGHJKLMNPQRSTVWXYZ', 7);
const hpSerial = (r: Random) => `CZC${r.chars('0123456789', 3)}${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 4)}`;
const lenovoSerial = (r: Random) => `L3${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 6)}`;
const fujitsuSerial = (r: Random) => `YK${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 6)}`;

const SATA_DESKTOP = [{ interface: 'sata' as const, capacities: [80, 160, 250, 320] }];
const IDE_OLD = [{ interface: 'ide' as const, capacities: [40, 80] }];
const SATA_LAPTOP = [{ interface: 'sata' as const, capacities: [60, 80, 120, 160, 250] }];
const NVME = [{ interface: 'nvme' as const, capacities: [128, 256, 512] }];
const SATA_SSD = [{ interface: 'sata' as const, capacities: [128, 256, 500] }];

export const MODELS: ModelSpec[] = [
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 755', cpus: ['Intel Core 2 Duo E6550', 'Intel Core 2 Duo E4600'], ram: [1, 2], disks: SATA_DESKTOP, serial: dellTag },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 780', cpus: ['Intel Core 2 Duo E8400', 'Intel Core 2 Duo E7500'], ram: [2, 4], disks: SATA_DESKTOP, serial: dellTag },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex GX520', cpus: ['Intel Pentium 4 631', 'Intel Pentium 4 531'], ram: [0.5, 1], disks: IDE_OLD, serial: dellTag },
  { type: 'desktop', brand: 'HP', model: 'Compaq dc7800', cpus: ['Intel Core 2 Duo E6750', 'Intel Core 2 Duo E6550'], ram: [1, 2], disks: SATA_DESKTOP, serial: hpSerial },
  { type: 'desktop', brand: 'HP', model: 'Compaq dc5800', cpus: ['Intel Pentium Dual-Core E2180', 'Intel Core 2 Duo E7200'], ram: [1, 2], disks: SATA_DESKTOP, serial: hpSerial },
  { type: 'desktop', brand: 'HP', model: 'Compaq 8000 Elite', cpus: ['Intel Core 2 Duo E8400'], ram: [2, 4], disks: SATA_DESKTOP, serial: hpSerial },
  { type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M58', cpus: ['Intel Core 2 Duo E7500', 'Intel Pentium Dual-Core E5200'], ram: [2, 4], disks: SATA_DESKTOP, serial: lenovoSerial },
  { type: 'desktop', brand: 'Fujitsu', model: 'Esprimo P5730', cpus: ['Intel Core 2 Duo E7400'], ram: [2], disks: SATA_DESKTOP, serial: fujitsuSerial },
  { type: 'laptop', brand: 'Dell', model: 'Latitude D630', cpus: ['Intel Core 2 Duo T7250', 'Intel Core 2 Duo T7500'], ram: [1, 2], disks: SATA_LAPTOP, serial: dellTag },
  { type: 'laptop', brand: 'Dell', model: 'Latitude E6400', cpus: ['Intel Core 2 Duo P8600', 'Intel Core 2 Duo P8400'], ram: [2, 4], disks: SATA_LAPTOP, serial: dellTag },
  { type: 'laptop', brand: 'HP', model: 'EliteBook 8440p', cpus: ['Intel Core i5-520M'], ram: [2, 4], disks: SATA_LAPTOP, serial: hpSerial },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T61', cpus: ['Intel Core 2 Duo T7300'], ram: [1, 2], disks: SATA_LAPTOP, serial: lenovoSerial },
  { type: 'all_in_one', brand: 'HP', model: 'Compaq 6000 Pro All-in-One', cpus: ['Intel Core 2 Duo E7500'], ram: [2], disks: SATA_DESKTOP, serial: hpSerial },
  { type: 'screen', brand: 'Dell', model: 'E177FP 17"', cpus: [], ram: [], disks: [], serial: (r) => `CN-0${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 11)}` },
  { type: 'screen', brand: 'HP', model: 'L1706 17"', cpus: [], ram: [], disks: [], serial: (r) => `CNC${r.chars('0123456789', 7)}` },
  // 15–: what fleets give away today.
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 7060', cpus: ['Intel Core i5-8500', 'Intel Core i3-8100'], ram: [8, 16], disks: NVME, serial: dellTag },
  { type: 'desktop', brand: 'HP', model: 'EliteDesk 800 G4 SFF', cpus: ['Intel Core i5-8500', 'Intel Core i7-8700'], ram: [8, 16], disks: SATA_SSD, serial: hpSerial },
  { type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M720q', cpus: ['Intel Core i5-8400T'], ram: [8], disks: NVME, serial: lenovoSerial },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T480', cpus: ['Intel Core i5-8250U', 'Intel Core i5-8350U'], ram: [8, 16], disks: NVME, serial: lenovoSerial },
  { type: 'laptop', brand: 'Dell', model: 'Latitude 5490', cpus: ['Intel Core i5-8350U'], ram: [8], disks: SATA_SSD, serial: dellTag },
  { type: 'laptop', brand: 'HP', model: 'ProBook 450 G6', cpus: ['Intel Core i5-8265U'], ram: [8], disks: NVME, serial: hpSerial },
  { type: 'screen', brand: 'Dell', model: 'P2419H 24"', cpus: [], ram: [], disks: [], serial: (r) => `CN-0${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 11)}` },
];

const diskSerial = (r: Random, iface: DiskInterface): string =>
  r.pick([
    () => `WD-WCA${r.chars('VMNU', 1)}${r.chars('0123456789', 8)}`,
    () => `5VM${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 5)}`,
    () => `${iface === 'ide' ? '9QZ' : '9VY'}${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 5)}`,
    () => `S2${r.chars('0123456789ABCDEFGHJKLMNPQRSTVWXYZ', 8)}`,
  ])();

export interface GeneratedMachine {
  serialNumber: string;
  type: ModelSpec['type'];
  brand: string;
  model: string;
  cpu: string | null;
  ramGb: number | null;
  storageDevices: Array<{ interface: DiskInterface; capacityGb: number; serial: string }>;
  conditionGrade: 'grade_a' | 'grade_b' | 'grade_c' | 'unusable';
}

/**
 * One unit of a fleet. `mix` weights the models (a hospital's fleet is not a university's);
 * about one unit in six is not reusable, and some arrive with their disk already removed.
 */
export function generateMachine(r: Random, mix: ReadonlyArray<readonly [number, number]>): GeneratedMachine {
  const spec = MODELS[r.weighted(mix)];
  const conditionGrade = r.weighted([['grade_a', 25], ['grade_b', 40], ['grade_c', 18], ['unusable', 17]] as const);
  const diskRemoved = spec.disks.length > 0 && r.next() < 0.04;
  const storageDevices = diskRemoved
    ? []
    : spec.disks.flatMap((d) => {
        const count = spec.type === 'desktop' && r.next() < 0.06 ? 2 : 1;
        return Array.from({ length: count }, () => ({ interface: d.interface, capacityGb: r.pick(d.capacities), serial: diskSerial(r, d.interface) }));
      });
  return {
    serialNumber: spec.serial(r),
    type: spec.type,
    brand: spec.brand,
    model: spec.model,
    cpu: spec.cpus.length ? r.pick(spec.cpus) : null,
    ramGb: spec.ram.length ? r.pick(spec.ram) : null,
    storageDevices,
    conditionGrade,
  };
}

/** A valid SIRET from a 13-digit stem: demo organisations get plausible numbers. */
export function siretFromStem(stem: string): string {
  for (let key = 0; key <= 9; key += 1) {
    if (isValidSiret(`${stem}${key}`)) return `${stem}${key}`;
  }
  throw new Error(`no SIRET key for ${stem}`);
}
