import { analyzeSheet, withRegistered } from '../analyze';
import { recogniseFormat, SIGNATURES } from '../formats';
import { buildMapping, MappingError, recogniseHeader } from '../headers';
import { normalizeKey } from '../normalize';
import { validateRows } from '../rows';
import type { Sheet } from '../sheet';

const sheet = (rows: string[][]): Sheet => ({
  fileKind: 'csv', encoding: 'utf-8', delimiter: ';', bom: false, sheetName: null, records: rows.map((cells, i) => ({ row: i + 1, cells })),
});

describe('recognising a donor export by evidence', () => {
  it('matches headers without case or accents, with or without their unit', () => {
    expect(recogniseHeader('NUMERO DE SERIE')).toBe('serialNumber');
    expect(recogniseHeader('Mémoire (Mio)')).toBe('ramGb');
    expect(recogniseHeader('Disque(s) dur(s)')).toBe('storage');
    expect(recogniseHeader('Numéro d’inventaire')).toBe('assetTag');
    expect(recogniseHeader('Couleur préférée')).toBeNull();
  });

  it('gives each tool tell-tale headers that no other tool writes', () => {
    for (const s of SIGNATURES) {
      const others = SIGNATURES.filter((o) => o.tool !== s.tool).flatMap((o) => o.telltale.map(normalizeKey));
      expect([s.id, s.telltale.filter((h) => others.includes(normalizeKey(h)))]).toEqual([s.id, []]);
    }
  });

  it.each([
    ['glpi-fr', ['Nom', 'Entité', 'Numéro de série', "Numéro d'inventaire", 'Fabricant', 'Modèle', 'Type'], ['Entité', "Numéro d'inventaire"]],
    ['glpi-en', ['Name', 'Entity', 'Serial number', 'Inventory number', 'Manufacturer', 'Model', 'Type'], ['Entity', 'Inventory number']],
    ['snipe-it', ['Asset Tag', 'Asset Name', 'Serial', 'Model', 'Category', 'Manufacturer', 'Status'], ['Asset Tag', 'Asset Name']],
    ['ocs-fr', ['TAG', 'Dernier inventaire', 'Machine', 'Utilisateur connecté', 'Systeme', 'RAM (Mo)'], ['Dernier inventaire', 'Utilisateur connecté', 'Systeme', 'RAM (Mo)']],
    ['ocs-en', ['TAG', 'Last inventory', 'Computer', 'Connected user', 'Operating system', 'RAM (MB)'], ['Last inventory', 'Connected user', 'RAM (MB)']],
    ['seconde-vie', ["N° d'inventaire du donateur", 'N° de série', 'Type', 'Mémoire vive (Go)'], ["N° d'inventaire du donateur", 'Mémoire vive (Go)']],
  ])('recognises %s from the headers only it writes', (format, headers, evidence) => {
    expect(recogniseFormat(headers)).toMatchObject({ format, evidence, ambiguous: false });
  });

  it('does not call a Snipe-IT export GLPI: their shared English headers are no evidence', () => {
    const recognition = recogniseFormat(['Asset Tag', 'Asset Name', 'Serial', 'Model', 'Model No.', 'Category', 'Manufacturer', 'Status', 'Location']);
    expect(recognition).toMatchObject({ format: 'snipe-it', ambiguous: false });
    expect(recognition.candidates.map((c) => c.format)).toEqual(['snipe-it']);
  });

  it('claims no format on one tell-tale header alone', () => {
    expect(recogniseFormat(['Nom', 'Type', 'Disque(s) dur(s)'])).toMatchObject({ format: 'unknown', candidates: [expect.objectContaining({ format: 'glpi-fr' })] });
  });

  it('reports a tie between two tools as ambiguous, with the choice made and both sets of evidence', () => {
    const recognition = recogniseFormat(['Asset Tag', 'Asset Name', 'Entity', 'Last update', 'Serial number']);
    expect(recognition).toMatchObject({ format: 'glpi-en', ambiguous: true, evidence: ['Entity', 'Last update'] });
    expect(recognition.candidates.find((c) => c.format === 'snipe-it')?.evidence).toEqual(['Asset Tag', 'Asset Name']);
  });

  it("uses the recognised format's own meaning of a header: Snipe-IT's 'Type' is who the asset is checked out to", () => {
    const columns = buildMapping(['Asset Tag', 'Category', 'Type'], { format: 'snipe-it' });
    expect(columns).toEqual([
      { header: 'Asset Tag', target: 'assetTag', source: 'format' },
      { header: 'Category', target: 'type', source: 'format' },
      { header: 'Type', target: 'ignore', source: 'format' },
    ]);
  });

  it("lets staff map an unknown column and override a recognised one, and says whose choice each is", () => {
    const columns = buildMapping(['Réf. parc', 'Type', 'Nom'], { chosen: { 'Réf. parc': 'assetTag', Nom: 'ignore' } });
    expect(columns).toEqual([
      { header: 'Réf. parc', target: 'assetTag', source: 'chosen' },
      { header: 'Type', target: 'type', source: 'synonym' },
      { header: 'Nom', target: 'ignore', source: 'chosen' },
    ]);
  });

  it('applies a remembered mapping to the columns the file still has, after what staff chose today', () => {
    const columns = buildMapping(['Réf. parc', 'Code', 'Type'], {
      chosen: { Code: 'assetTag' },
      remembered: { 'Réf. parc': 'assetTag', Désignation: 'notes', Type: 'type' },
    });
    expect(columns).toEqual([
      { header: 'Réf. parc', target: 'ignore', source: 'unknown' },
      { header: 'Code', target: 'assetTag', source: 'chosen' },
      { header: 'Type', target: 'type', source: 'remembered' },
    ]);
  });

  it('refuses a mapping naming a column the file does not have, or a field chosen twice', () => {
    expect(() => buildMapping(['A', 'B'], { chosen: { C: 'brand' } })).toThrow(MappingError);
    expect(() => buildMapping(['A', 'B'], { chosen: { A: 'brand', B: 'brand' } })).toThrow(/deux colonnes/);
  });
});

describe('checking rows before anything is written: every problem with both row numbers', () => {
  const columns = buildMapping(['Numéro de série', 'Type', 'Mémoire (Mio)', 'Modèle']);
  const at = (row: number, cells: string[]) => ({ row, cells });

  it('reports a duplicate serial within the file on the later unit, naming the first by both numbers', () => {
    const { problems } = validateRows([at(2, ['S1', 'Portable', '4096', 'X']), at(4, ['s-1', 'Portable', '4096', 'X'])], columns);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'duplicate_in_file', dataRow: 2, sheetRow: 4, column: 'Numéro de série', value: 's-1', message: expect.stringContaining('machine n° 1 (ligne 2 du tableur)') }),
    ]);
  });

  it('reports a serial registered in another donation, naming the unit, its donation and donor', () => {
    const analysis = analyzeSheet(sheet([['Numéro de série', 'Type'], ['S9', 'Portable'], ['S10', 'Portable']]), 'x.csv');
    const { report, drafts } = withRegistered(
      analysis,
      new Map([['s9', { labelCode: 'SV-000042', donationReference: 'LOT-2011-004', donorName: 'CAF du Finistère', sameDonation: false }]]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'serial_in_database', dataRow: 1, sheetRow: 2, column: 'Numéro de série', value: 'S9',
        message: 'N° de série déjà enregistré dans le lot LOT-2011-004 (CAF du Finistère) : machine SV-000042.',
      }),
    ]);
    expect(drafts.map((d) => d.dataRow)).toEqual([2]);
    expect(report).toMatchObject({ validRows: 1, invalidRows: 1 });
  });

  it('warns of an empty serial (a warning to accept, not a silent import)', () => {
    const { warnings, drafts } = validateRows([at(2, ['', 'Portable', '', ''])], columns);
    expect(warnings).toEqual([expect.objectContaining({ code: 'serial_empty', dataRow: 1, sheetRow: 2, column: 'Numéro de série' })]);
    expect(drafts).toHaveLength(1);
  });

  it('reports a missing type, an unreadable RAM and a value too long, each on its unit and row', () => {
    const { problems, invalidRows, drafts } = validateRows(
      [at(2, ['A', '', '4096', 'M']), at(3, ['B', 'Tour', 'quatre', 'M']), at(4, ['C', 'Tour', '4096', 'M'.repeat(81)]), at(5, ['D', 'Tour', '4096', 'OptiPlex'])],
      columns,
    );
    expect(problems.map((p) => [p.code, p.dataRow, p.sheetRow, p.field])).toEqual([
      ['type_missing', 1, 2, 'type'], ['unreadable', 2, 3, 'ramGb'], ['too_long', 3, 4, 'model'],
    ]);
    expect(invalidRows).toBe(3);
    expect(drafts).toEqual([{ dataRow: 4, sheetRow: 5, machine: { serialNumber: 'D', type: 'desktop', ramGb: 4, model: 'OptiPlex', storageDevices: [] } }]);
  });

  it('skips blank rows: the unit numbers follow the units, the sheet rows the spreadsheet', () => {
    const { problems, totalRows } = validateRows([at(2, ['', '', '', '']), at(3, ['X', '', '', ''])], columns);
    expect(totalRows).toBe(1);
    expect(problems[0]).toMatchObject({ dataRow: 1, sheetRow: 3 });
  });

  it('refuses one disk serial twice on a unit, as the pipeline does for its devices', () => {
    const cols = buildMapping(['Type', 'Disque(s) dur(s)', 'N° de série des disques']);
    const { problems } = validateRows([at(2, ['Tour', '500 Go\n500 Go', 'wd-1\nWD-1 '])], cols);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'duplicate_in_file', dataRow: 1, sheetRow: 2, field: 'storageSerial', message: expect.stringContaining('Deux disques de cette machine portent le n° de série WD-1') }),
    ]);
  });

  it('builds storage devices from the disks and their serials, and keeps the donor name in the notes', () => {
    const cols = buildMapping(['Nom', 'Type', 'Disque(s) dur(s)', 'N° de série des disques']);
    const { drafts } = validateRows([at(2, ['PC-COMPTA-01', 'Tour', '476940 Mio$$##$$40 Go IDE', 'WD-1$$##$$'])], cols);
    expect(drafts[0].machine).toEqual({
      type: 'desktop',
      notes: 'Nom : PC-COMPTA-01',
      storageDevices: [{ interface: 'sata', capacityGb: 500, serial: 'WD-1' }, { interface: 'ide', capacityGb: 40 }],
    });
  });
});

describe('the dry-run report', () => {
  it('finds the header row under a title line', () => {
    const { report } = analyzeSheet(
      sheet([['Inventaire CHU 2011'], ['Nom', 'Type', 'Numéro de série'], ['PC1', 'Portable', 'S1'], ['PC2', 'Grille-pain', 'S1']]),
      'chu.csv',
    );
    expect(report.headerRow).toBe(2);
    expect(report.totalRows).toBe(2);
    expect(report.problems.map((p) => [p.code, p.dataRow, p.sheetRow])).toEqual([['duplicate_in_file', 2, 4]]);
    expect(report.warnings.map((p) => [p.code, p.dataRow, p.sheetRow])).toEqual([['type_unknown', 2, 4]]);
  });

  it('blocks a file without any column giving the type, at the header row', () => {
    const { report, drafts } = analyzeSheet(sheet([['Nom', 'Numéro de série'], ['PC1', 'S1']]), 'x.csv');
    expect(drafts).toEqual([]);
    expect(report.problems[0]).toMatchObject({ code: 'no_type_column', dataRow: null, sheetRow: 1, field: 'type' });
  });

  it('changes its warnings digest when the warnings change, so an acceptance covers exactly what was read', () => {
    const one = analyzeSheet(sheet([['Numéro de série', 'Type'], ['', 'Portable']]), 'x.csv').report;
    const two = analyzeSheet(sheet([['Numéro de série', 'Type'], ['', 'Portable'], ['', 'Portable']]), 'x.csv').report;
    const none = analyzeSheet(sheet([['Numéro de série', 'Type'], ['S1', 'Portable']]), 'x.csv').report;
    expect(one.warningsDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(two.warningsDigest).not.toBe(one.warningsDigest);
    expect(none.warningsDigest).toBeNull();
  });

  it('drops the empty column GLPI and OCS leave after the last separator', () => {
    const { report } = analyzeSheet(sheet([['Numéro de série', 'Type', ''], ['S1', 'Portable', '']]), 'x.csv');
    expect(report.columns.map((c) => c.header)).toEqual(['Numéro de série', 'Type']);
  });
});
