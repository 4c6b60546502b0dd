import { analyzeSheet } from '../analyze';
import { buildMapping, MappingError, recogniseFormat, recogniseHeader } from '../headers';
import { validateRows } from '../rows';
import type { Sheet } from '../sheet';

const sheet = (rows: string[][]): Sheet => ({
  fileKind: 'csv', encoding: 'utf-8', delimiter: ';', records: rows.map((cells, i) => ({ row: i + 1, cells })),
});

describe('recognising a donor export', () => {
  it('matches headers without case or accents, with or without their unit', () => {
    expect(recogniseHeader('NUMERO DE SERIE')).toBe('serialNumber');
    expect(recogniseHeader('Mémoire (Mio)')).toBe('ramGb');
    expect(recogniseHeader('Disque(s) dur(s)')).toBe('storage');
    expect(recogniseHeader("Numéro d’inventaire")).toBe('assetTag');
    expect(recogniseHeader('Composants - Processeur')).toBe('cpu');
    expect(recogniseHeader('Couleur préférée')).toBeNull();
  });

  it('recognises a GLPI export with French headers', () => {
    expect(recogniseFormat(['Nom', 'Entité', 'Numéro de série', "Numéro d'inventaire", 'Fabricant', 'Modèle', 'Type'])).toBe('glpi-fr');
  });

  it('recognises a GLPI export with English headers', () => {
    expect(recogniseFormat(['Name', 'Entity', 'Serial number', 'Inventory number', 'Manufacturer', 'Model', 'Type'])).toBe('glpi-en');
  });

  it('recognises a Snipe-IT hardware export', () => {
    expect(recogniseFormat(['Asset Tag', 'Asset Name', 'Serial', 'Model', 'Category', 'Manufacturer', 'Status'])).toBe('snipe-it');
  });

  it('recognises our own template', () => {
    expect(recogniseFormat(["N° d'inventaire du donateur", 'N° de série', 'Type', 'Marque', 'Modèle', 'Mémoire vive (Go)'])).toBe('seconde-vie');
  });

  it('lets staff map an unknown column and overrides a recognised one', () => {
    const columns = buildMapping(['Réf. parc', 'Type', 'Nom'], { 'Réf. parc': 'assetTag', Nom: 'ignore' });
    expect(columns).toEqual([
      { header: 'Réf. parc', target: 'assetTag', recognised: true },
      { header: 'Type', target: 'type', recognised: true },
      { header: 'Nom', target: 'ignore', recognised: true },
    ]);
  });

  it('refuses a mapping naming a column the file does not have, or a field chosen twice', () => {
    expect(() => buildMapping(['A', 'B'], { C: 'brand' })).toThrow(MappingError);
    expect(() => buildMapping(['A', 'B'], { A: 'brand', B: 'brand' })).toThrow(/deux colonnes/);
  });

  it('leaves an unrecognised column out, flagged for staff to map', () => {
    expect(buildMapping(['Couleur'])).toEqual([{ header: 'Couleur', target: 'ignore', recognised: false }]);
  });
});

describe('checking rows before anything is written', () => {
  const columns = buildMapping(['Numéro de série', 'Type', 'Mémoire (Mio)', 'Modèle']);

  it('reports a duplicate serial within the file on the later row, naming the first', () => {
    const { problems } = validateRows(
      [{ row: 2, cells: ['S1', 'Portable', '4096', 'X'] }, { row: 3, cells: ['s-1', 'Portable', '4096', 'X'] }],
      columns,
    );
    expect(problems).toEqual([expect.objectContaining({ row: 3, field: 'serialNumber', message: expect.stringContaining('ligne 2') })]);
  });

  it('reports a serial already registered in the donation', () => {
    const { problems } = validateRows([{ row: 2, cells: ['S9', 'Portable', '', ''] }], columns, { existingSerials: new Map([['s9', 'SV-000042']]) });
    expect(problems[0].message).toContain('SV-000042');
  });

  it('reports a missing type, RAM that is not a number and a value too long, each on its row', () => {
    const { problems, invalidRows, drafts } = validateRows(
      [
        { row: 2, cells: ['A', '', '4096', 'M'] },
        { row: 3, cells: ['B', 'Tour', 'quatre', 'M'] },
        { row: 4, cells: ['C', 'Tour', '4096', 'M'.repeat(81)] },
        { row: 5, cells: ['D', 'Tour', '4096', 'OptiPlex'] },
      ],
      columns,
    );
    expect(problems.map((p) => [p.row, p.field])).toEqual([[2, 'type'], [3, 'ramGb'], [4, 'model']]);
    expect(invalidRows).toBe(3);
    expect(drafts).toEqual([{ row: 5, machine: { serialNumber: 'D', type: 'desktop', ramGb: 4, model: 'OptiPlex', storageDevices: [] } }]);
  });

  it('skips blank rows without shifting the row numbers', () => {
    const { problems, totalRows } = validateRows([{ row: 2, cells: ['', '', '', ''] }, { row: 3, cells: ['X', '', '', ''] }], columns);
    expect(totalRows).toBe(1);
    expect(problems[0].row).toBe(3);
  });

  it('builds storage devices from the disks and their serials, and keeps the donor name in the notes', () => {
    const cols = buildMapping(['Nom', 'Type', 'Disque(s) dur(s)', 'N° de série des disques']);
    const { drafts } = validateRows([{ row: 2, cells: ['PC-COMPTA-01', 'Tour', '476940 Mio$$##$$40 Go IDE', 'WD-1$$##$$'] }], cols);
    expect(drafts[0].machine).toEqual({
      type: 'desktop',
      notes: 'Nom : PC-COMPTA-01',
      storageDevices: [{ interface: 'sata', capacityGb: 500, serial: 'WD-1' }, { interface: 'ide', capacityGb: 40 }],
    });
  });
});

describe('the dry-run report', () => {
  it('finds the header row under a title line and reports rows with their spreadsheet numbers', () => {
    const { report } = analyzeSheet(
      sheet([['Inventaire CHU 2011'], ['Nom', 'Type', 'Numéro de série'], ['PC1', 'Portable', 'S1'], ['PC2', 'Grille-pain', 'S1']]),
      'chu.csv',
    );
    expect(report.headerRow).toBe(2);
    expect(report.totalRows).toBe(2);
    expect(report.problems.map((p) => p.row)).toEqual([4]);
    expect(report.warnings.map((p) => p.row)).toEqual([4]);
  });

  it('blocks a file without any column giving the type', () => {
    const { report, drafts } = analyzeSheet(sheet([['Nom', 'Numéro de série'], ['PC1', 'S1']]), 'x.csv');
    expect(drafts).toEqual([]);
    expect(report.problems[0]).toMatchObject({ row: 1, field: 'type' });
  });
});
