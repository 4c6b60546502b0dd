import fs from 'node:fs/promises';
import path from 'node:path';
import bwipjs from 'bwip-js';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { plain, readPdf } from './helpers/pdf';

/**
 * A volunteer's printable badge (docs/volunteers.md, « Qui est au poste »): rendered by the real
 * Chromium, read back with Poppler, and its barcode's bars read from the rendered page and
 * compared, module by module, with the Code 128 of the badge code.
 */
let app: TestApp;
let admin: string;
let coordination: string;
let atelier: string;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

const binary = (res: { on(e: string, cb: (chunk?: Buffer) => void): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const badge = (id: string, t: string) => app.http().get(`/documents/volunteers/${id}/badge`).set(bearer(t)).buffer(true).parse(binary);

/** The bar and space widths, in modules, of the Code 128 of `text` (bwip-js, as the template draws it). */
function expectedModules(text: string): number[] {
  const svg = bwipjs.toSVG({ bcid: 'code128', text, height: 10 });
  const bars: Array<[number, number]> = [];
  for (const path of svg.matchAll(/<path stroke="#000000" stroke-width="(\d+)" d="([^"]+)"/g)) {
    const w = Number(path[1]);
    for (const m of path[2].matchAll(/M(\d+(?:\.\d+)?) \d+L/g)) bars.push([Number(m[1]) - w / 2, Number(m[1]) + w / 2]);
  }
  bars.sort((a, b) => a[0] - b[0]);
  const modules: number[] = [];
  bars.forEach(([from, to], i) => {
    if (i > 0) modules.push((from - bars[i - 1][1]) / 2);
    modules.push((to - from) / 2);
  });
  return modules;
}

beforeAll(async () => {
  app = await startApp('base');
  admin = await adminToken(app);
  coordination = await staffToken(app, 'seconde-vie-coordination', 'coordination-badge@seconde-vie.test');
  atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-badge@seconde-vie.test');
});

afterAll(async () => {
  await app?.stop();
});

it('prints a card with the workshop, the name and the badge code as a Code 128 the bench scanner reads', async () => {
  const v = (await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Maëlle Guéguen', startDate: '2011-09-01' } as never })) as { documentId: string };
  const code = (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [v.documentId])).rows[0].badge_code as string;
  const res = await badge(v.documentId, coordination);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toContain('badge-maelle-gueguen.pdf');
  const pdf = res.body as Buffer;
  const read = await readPdf(pdf, { bars: true });
  expect(read.pages).toBe(1);
  const text = plain(read.text);
  expect(text).toContain('Maëlle Guéguen');
  expect(text).toContain(code);
  const workshop = (await app.strapi.plugin('documents').service('identity').get()) as { name: string };
  expect(text).toContain(workshop.name);

  // The bars: each run of the rendered row is a whole number of modules, the ones of the code.
  const runs = read.bars;
  const modules = expectedModules(code);
  expect(runs).toHaveLength(modules.length);
  const total = modules.reduce((a, b) => a + b, 0);
  const px = runs.reduce((a, b) => a + b, 0) / total;
  expect(runs.map((r) => Math.round(r / px))).toEqual(modules);
  // Another code's bars differ: the comparison reads the code, not just « some barcode ».
  expect(expectedModules('BV-0000-0000')).not.toEqual(modules);
  await fs.mkdir(path.resolve(__dirname, '..', '..', 'test-results'), { recursive: true });
  await fs.writeFile(path.resolve(__dirname, '..', '..', 'test-results', 'volunteer-badge.pdf'), pdf);
});

it('is printed only by whoever edits volunteers; a missing or malformed volunteer is refused in French', async () => {
  const v = (await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Yves Salaün', startDate: '2011-09-01' } as never })) as { documentId: string };
  expect((await badge(v.documentId, admin)).status).toBe(200);
  expect((await badge(v.documentId, atelier)).status).toBe(403);
  const missing = await app.http().get('/documents/volunteers/abcdefghijklmnopqrstuvwx/badge').set(bearer(coordination));
  expect(missing.status).toBe(404);
  expect(missing.body.error.message).toBe('Aucun bénévole avec cet identifiant.');
  const malformed = await app.http().get('/documents/volunteers/NOT-AN-ID/badge').set(bearer(coordination));
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.message).toBe('Identifiant de bénévole invalide.');
});
