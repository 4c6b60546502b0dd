import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PdfRenderer, RenderError } from '../pdf-renderer';
import { fontsCss } from '../../domain/fonts';
import { htmlDocument } from '../../../../../../shared/server/templating';
import { qpdfCheck, readPdf } from '../../../../../../../tests/documents/helpers/pdf';

/** Processes still alive (not zombies) in the process groups of the browsers launched. */
function aliveIn(groups: Set<number>): number {
  const out = execFileSync('ps', ['-eo', 'pgid=,stat=']).toString();
  return out.split('\n').filter((line) => {
    const [pgid, stat] = line.trim().split(/\s+/);
    return groups.has(Number(pgid)) && stat !== undefined && !stat.startsWith('Z');
  }).length;
}

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

function tracked(renderer: PdfRenderer): Set<number> {
  const groups = new Set<number>();
  renderer.on('launch', (pid: number | null) => pid && groups.add(pid));
  return groups;
}

const page = (body: string) => htmlDocument(body, 'body { font-family: "Source Sans 3"; }', fontsCss(), 'test');

describe('the PDF renderer', () => {
  it('renders French text (é, è, ç, €) with the font shipped in the project', async () => {
    const renderer = new PdfRenderer({ poolSize: 2, renderTimeoutMs: 30000, restartEvery: 100 });
    try {
      const pdf = await readPdf(await renderer.render(page('<p>Reçu : 15,00 € — élève, collège, près de Brest</p>')));
      expect(pdf.text).toContain('Reçu : 15,00 € — élève, collège, près de Brest');
      expect(pdf.producer).toMatch(/Skia/);
    } finally {
      await renderer.close();
    }
  });

  it('loads nothing from the network or the disk, even from a document without a security policy', async () => {
    const requests: string[] = [];
    const canary = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('CANARY-BODY');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
    const renderer = new PdfRenderer({ poolSize: 1, renderTimeoutMs: 30000, restartEvery: 100 });
    try {
      const html = `<!doctype html><html><head>
        <style>@import url("${base}/import.css"); @import url("file:///etc/passwd"); body { background: url(${base}/bg.png); }</style>
        <link rel="stylesheet" href="${base}/link.css">
        <meta http-equiv="refresh" content="0;url=${base}/refresh">
        </head><body><p>DEBUT</p>
        <script>document.write('SCRIPT-RAN')</script>
        <img src="${base}/img.png"><iframe src="file:///etc/passwd"></iframe><iframe src="${base}/frame"></iframe>
        <object data="file:///etc/passwd"></object><embed src="${base}/embed">
        <p>FIN</p></body></html>`;
      const text = (await readPdf(await renderer.render(html))).text;
      expect(text).toContain('DEBUT');
      expect(text).toContain('FIN');
      expect(text).not.toContain('SCRIPT-RAN');
      expect(text).not.toContain('root:');
      expect(text).not.toContain('CANARY-BODY');
      expect(requests).toEqual([]);
    } finally {
      await renderer.close();
      canary.close();
    }
  });

  it('fails the render in flight with a clear French error when Chromium is killed, and the next render succeeds', async () => {
    const renderer = new PdfRenderer({ poolSize: 2, renderTimeoutMs: 30000, restartEvery: 100 });
    const groups = tracked(renderer);
    try {
      await renderer.render(page('<p>avant</p>'));
      const firstPid = await renderer.browserPid();
      // Kill the whole browser at the moment the page is being printed.
      renderer.once('render', (pid: number) => process.kill(-pid, 'SIGKILL'));
      const failure = await renderer.render(page('<p>pendant</p>')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RenderError);
      expect((failure as RenderError).message).toMatch(/La génération du PDF a échoué/);
      const after = await readPdf(await renderer.render(page('<p>après la panne</p>')));
      expect(after.text).toContain('après la panne');
      expect(await renderer.browserPid()).not.toBe(firstPid);
      expect(groups.size).toBe(2);
    } finally {
      await renderer.close();
    }
    expect(await eventually(() => aliveIn(groups) === 0)).toBe(true);
  });

  it('gives up on a render that takes too long, relaunches Chromium, and renders the next document', async () => {
    const renderer = new PdfRenderer({ poolSize: 1, renderTimeoutMs: 1500, restartEvery: 100 });
    const groups = tracked(renderer);
    try {
      await renderer.render(page('<p>échauffement</p>'));
      const rows = '<tr><td>ligne</td><td>du tableau</td><td>interminable</td></tr>'.repeat(300000);
      const failure = await renderer.render(page(`<table>${rows}</table>`)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RenderError);
      expect((failure as RenderError).message).toMatch(/dépassé le délai de 2 s/);
      expect((await readPdf(await renderer.render(page('<p>suivant</p>')))).text).toContain('suivant');
      expect(groups.size).toBe(2);
    } finally {
      await renderer.close();
    }
    expect(await eventually(() => aliveIn(groups) === 0)).toBe(true);
  });

  it('relaunches Chromium every N renders and leaves no Chromium process behind after 300 renders', async () => {
    const renderer = new PdfRenderer({ poolSize: 2, renderTimeoutMs: 30000, restartEvery: 50 });
    const groups = tracked(renderer);
    const exits: number[] = [];
    renderer.on('exit', (pid: number) => exits.push(pid));
    const html = page('<h1>Attestation</h1><p>Une page simple, rendue encore et encore.</p>');
    try {
      for (let i = 0; i < 150; i += 1) {
        // Two at a time: the pool's size.
        const pdfs = await Promise.all([renderer.render(html), renderer.render(html)]);
        await Promise.all(pdfs.map((pdf) => qpdfCheck(pdf)));
      }
      expect(groups.size).toBe(6);
      // Every browser but the running one has exited and left no child behind.
      const running = await renderer.browserPid();
      const retired = new Set([...groups].filter((pid) => pid !== running));
      expect(await eventually(() => aliveIn(retired) === 0)).toBe(true);
    } finally {
      await renderer.close();
    }
    expect(await eventually(() => aliveIn(groups) === 0)).toBe(true);
  });
});
