import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshotPath } from '../helpers/browser';

const PAGES = ['/', '/pourquoi-donner', '/garanties', '/donner', '/faq', '/partenaires', '/contact', '/mentions-legales', '/devenir-benevole'];
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

let app: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await startApp('demo');
  base = await app.listen();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the public pages', () => {
  it('serves every page in French, under 100 KB, with title, description, Open Graph and a strict CSP', async () => {
    for (const path of PAGES) {
      const res = await app.http().get(path);
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/html');
      expect(Buffer.byteLength(res.text)).toBeLessThan(100 * 1024);
      expect(res.text).toMatch(/<html lang="fr">/);
      expect(res.text).toMatch(/<title>[^<]*Seconde Vie[^<]*<\/title>/);
      expect(res.text).toMatch(/<meta name="description" content="[^"]{30,}">/);
      expect(res.text).toMatch(/<meta property="og:title" content="[^"]+">/);
      expect(res.text).toMatch(/<meta property="og:description" content="[^"]+">/);
      expect(res.text).not.toMatch(/<script|style=|<style/);
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
    }
  });

  it('keeps /admin, /api, /verify and /uploads where they were, and serves the stylesheet, sitemap and robots.txt', async () => {
    const admin = await app.http().get('/admin');
    expect(admin.status).toBe(200);
    expect(admin.text).not.toContain('Aller au contenu');
    expect((await app.http().get('/api/donors')).status).toBe(403);
    const verify = await app.http().get('/verify/ATT-2099-999999');
    expect(verify.status).toBe(404);
    expect(verify.text).toContain('Aller au contenu');
    expect(verify.text).toContain('<link rel="stylesheet" href="/site.css">');
    expect(verify.headers['content-security-policy']).toContain("style-src 'self'");
    const css = await app.http().get('/site.css');
    expect(css.status).toBe(200);
    expect(css.type).toBe('text/css');
    expect(css.text).toContain('@media print');
    const sitemap = await app.http().get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    for (const path of PAGES) expect(sitemap.text).toContain(`${path === '/' ? '' : path}</loc>`);
    const robots = await app.http().get('/robots.txt');
    expect(robots.text).toMatch(/Sitemap: http:\/\/[^\s]+\/sitemap\.xml/);
    expect(robots.text).toContain('Disallow: /admin');
    expect((await app.http().get('/page-qui-n-existe-pas')).status).toBe(404);
  });

  it.each([375, 1280])('renders every page at %i px without a serious or critical axe-core violation', async (width) => {
    // bypassCSP: the pages allow no script at all, and axe-core is one the test injects.
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    for (const path of [...PAGES, '/verify/ATT-2099-999999']) {
      await page.goto(`${base}${path}`);
      expect(await page.locator('main#contenu h1').count()).toBe(1);
      // Nothing wider than the viewport: no horizontal scrolling at 375 px.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const name = `site-${width}-${path === '/' ? 'accueil' : path.slice(1).replace(/\//g, '-')}`;
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
      await page.addScriptTag({ content: AXE });
      const violations = (await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return result.violations;
      })) as AxeViolation[];
      const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect({ path, blocking: blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`) }).toEqual({ path, blocking: [] });
    }
    await context.close();
  });

  it('shows a visible focus ring and a skip link that reaches the main content', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const blocked: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') blocked.push(msg.text());
    });
    await page.goto(`${base}/garanties`);
    // The stylesheet applies under the page's own CSP (this page does not bypass it).
    expect(await page.locator('header.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(18, 53, 91)');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    expect(page.url()).toContain('#contenu');
    expect(blocked.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    await page.close();
  });
});
