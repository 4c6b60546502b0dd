import ExcelJS from 'exceljs';
import type { TestApp } from '../helpers/app';

export { adminToken, DEV_ADMIN as ADMIN } from '../helpers/admin';

let donors = 0;

/** A donor (its name made unique) and one of its donations, created through the Document Service. */
export async function createDonation(app: TestApp, donorName = 'DSIT Brest'): Promise<{ donor: string; donation: string }> {
  donors += 1;
  const name = donors === 1 ? donorName : `${donorName} (${donors})`;
  const donor = await app.strapi.documents('api::donor.donor').create({ data: { name, kind: 'public_administration' } as never });
  const donation = await app.strapi
    .documents('api::donation.donation')
    .create({ data: { donor: donor.documentId, announcedCount: 430, collectedAt: '2012-03-15' } as never });
  return { donor: donor.documentId, donation: donation.documentId };
}

export const GLPI_FR_HEADERS = [
  'Nom', 'Entité', 'Statut', 'Fabricant', 'Numéro de série', 'Type', 'Modèle', "Numéro d'inventaire", 'Lieu',
  'Composants - Processeur', 'Mémoire (Mio)', 'Disque(s) dur(s)', "Système d'exploitation - Nom",
];

/** One row of a GLPI computer export as the DSIT would send it. */
export function glpiRow(i: number, prefix = 'DSIT'): string[] {
  const laptop = i % 3 === 0;
  return [
    `PC-${prefix}-${String(i).padStart(4, '0')}`,
    'Entité racine > DSIT',
    'En stock',
    laptop ? 'Hewlett-Packard' : 'Dell Inc.',
    `${prefix}SN${String(100000 + i)}`,
    laptop ? 'Ordinateur portable' : 'Unité centrale',
    laptop ? 'EliteBook 6930p' : 'OptiPlex 755',
    `${prefix}-INV-${String(i).padStart(5, '0')}`,
    'Brest > Bâtiment B',
    'Intel(R) Core(TM)2 Duo CPU E6550 @ 2.33GHz',
    laptop ? '4096' : '2048',
    laptop ? '238475 Mio' : '152627 Mio$$##$$76319 Mio',
    'Microsoft Windows XP Professionnel',
  ];
}

const quote = (cell: string, delimiter: string) =>
  cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') ? `"${cell.replace(/"/g, '""')}"` : cell;

/** CSV bytes as Excel or GLPI write them: CRLF, optional BOM. */
export function csv(rows: string[][], delimiter: ';' | ',' = ';', bom = true): Buffer {
  const text = rows.map((r) => r.map((c) => quote(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

export function glpiCsv(count: number, prefix = 'DSIT'): Buffer {
  return csv([GLPI_FR_HEADERS, ...Array.from({ length: count }, (_, i) => glpiRow(i + 1, prefix))]);
}

/** An XLSX workbook written with exceljs, numbers stored as numbers. */
export async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Parc');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function count(app: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await app.sql.query(sql, params)).rows[0].count);
}
