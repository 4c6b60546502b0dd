import fs from 'node:fs';
import { startApp, type TestApp } from '../helpers/app';
import { fontsCss } from '../../src/plugins/documents/server/src/domain/fonts';
import { htmlDocument } from '../../src/shared/server/templating';
import { pdfinfo, pdftotext, qpdfCheck } from './helpers/pdf';

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  rssKb: number;
  exe: string;
}

/** Every process we can read in /proc: parent, process group, state, resident memory, binary. */
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
      let exe = '';
      try {
        exe = fs.readlinkSync(`/proc/${entry}/exe`);
      } catch {
        // A zombie or a process of another user.
      }
      out.push({ pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid), state, rssKb: rss ? Number(rss[1]) : 0, exe });
    } catch {
      // Exited while we read.
    }
  }
  return out;
}

const isChromium = (p: Proc) => /chrom|headless_shell/i.test(p.exe);

/** Chromium processes still alive in the process groups of the browsers launched (orphans keep their group). */
const aliveIn = (groups: Set<number>) => processes().filter((p) => p.state !== 'Z' && groups.has(p.pgid));

/** Chromium processes below this test process (the app runs in it). */
function chromiumDescendants(): Proc[] {
  const all = processes();
  const byParent = new Map<number, Proc[]>();
  for (const p of all) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const found: Proc[] = [];
  const stack = [process.pid];
  while (stack.length) {
    for (const child of byParent.get(stack.pop()!) ?? []) {
      if (child.state !== 'Z' && isChromium(child)) found.push(child);
      stack.push(child.pid);
    }
  }
  return found;
}

/** Resident memory of a browser and all its processes (its process group), in MiB. */
const groupRssMb = (pgid: number) => processes().filter((p) => p.pgid === pgid).reduce((sum, p) => sum + p.rssKb, 0) / 1024;

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

let app: TestApp | null = null;

afterAll(async () => {
  await app?.stop();
});

describe('300 renders in a row through the app', () => {
  it('leaves no Chromium process behind once the app stops, and the browser’s memory stays bounded', async () => {
    const groups = new Set<number>();
    expect(chromiumDescendants()).toEqual([]);
    app = await startApp('base');
    const renderer = app.strapi.plugin('documents').service('renderer');
    renderer.instance().on('launch', (pid: number | null) => pid && groups.add(pid));
    // A one-page certificate-like document, with the fonts the templates embed.
    const html = htmlDocument(
      '<h1>Attestation d’effacement des données</h1><p>Unité SV-000001, disque WD-WCAV12345678 : NIST SP 800-88 Clear, réussi.</p>',
      'body { font-family: "Source Sans 3"; }',
      fontsCss(),
      'Attestation'
    );
    const first = await renderer.render(html);
    await qpdfCheck(first);
    expect((await pdfinfo(first)).Pages).toBe('1');
    expect(await pdftotext(first)).toContain('NIST SP 800-88 Clear');

    const samples: Array<{ renders: number; pid: number; mb: number }> = [];
    let renders = 1;
    while (renders < 300) {
      // Two at a time, the pool's size.
      const pdfs = await Promise.all([renderer.render(html), renderer.render(html)]);
      await Promise.all(pdfs.map((pdf: Buffer) => qpdfCheck(pdf)));
      renders += 2;
      if (renders % 50 === 1 || renders >= 300) {
        const pid = await renderer.instance().browserPid();
        if (pid) samples.push({ renders, pid, mb: groupRssMb(pid) });
      }
    }
    expect(samples.length).toBeGreaterThanOrEqual(5);
    expect(samples.every((s) => s.mb > 0)).toBe(true);
    // Bounded: the last sample is no more than twice the first plus a margin (a bound, not a trend).
    expect(samples.at(-1)!.mb).toBeLessThan(2 * samples[0].mb + 150);
    // The browser was relaunched (restartEvery 200 by default), and the retired one left nothing.
    expect(groups.size).toBe(2);
    const running = await renderer.instance().browserPid();
    const retired = new Set([...groups].filter((pid) => pid !== running));
    expect(await eventually(() => aliveIn(retired).length === 0)).toBe(true);
    // The running browser is seen by both counts (so they can fail).
    expect(aliveIn(groups).length).toBeGreaterThan(0);
    expect(chromiumDescendants().length).toBeGreaterThan(0);

    await app.stop();
    app = null;
    expect(await eventually(() => aliveIn(groups).length === 0 && chromiumDescendants().length === 0)).toBe(true);
  });
});
