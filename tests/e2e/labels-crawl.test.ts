import { scopeWhere } from '../../src/shared/server/workshops';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { staffToken } from '../helpers/admin';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { ENUM_LABELS } from '../../src/shared/labels';
import { otherLanguageLines } from '../helpers/languages';

/**
 * Issue 17, « labels, not keys »: as Coordination and as Atelier, in French and in English, every
 * content type's list and first edit view that the role may open, and every plugin page, show no
 * enumeration key (`handed_over`, `flat_screen`), no document id, no interface text of the other
 * language, and log no missing translation. A page the role may not open is skipped (the menu does
 * not offer it).
 */
type Language = 'fr' | 'en';
const MISSING_TRANSLATION = /MISSING_TRANSLATION|missing.*translation/i;
/** Strapi's English that its code writes as a default with no catalogue entry (not in any en.json). */
const ENGLISH = [/Content Manager/, /\bSearch\b/, /\bcharacters?\b/, /Create a relation/, /Set up preview/, /Add Widget/, /Drag to move/, /Choose date/, /entries found/, /\bPreview\b/];
/** French words of the interface that a catalogue line cannot catch (inside a sentence, with a count). */
const FRENCH = [/fiches? trouvées?/, /\bRechercher\b/, /\bEnregistrer\b/, /\bAnnuler\b/, /\bÉtape\b/, /\bAucune?\b/, /\bdepuis \d+ j\b/];
/** Strapi's invitations to developers (its preview set-up links to its docs): off for staff, in any language. */
const DEVELOPER = [/Set up preview/, /Configurer l.aperçu/];
const NOT_ALLOWED = /Vous n’avez pas les droits|Vous n'avez pas les droits|pas les permissions|You don't have the permissions|don’t have the permissions/i;
const DOCUMENT_ID = /\b[a-z0-9]{24}\b/;

let app: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Every enumeration value of the app's content types whose French label is not the value itself. */
function enumKeys(language: Language): RegExp[] {
  const values = new Set<string>();
  for (const ct of Object.values(app.strapi.contentTypes as unknown as Record<string, { uid: string; attributes: Record<string, { type: string; enum?: string[] }> }>)) {
    if (!ct.uid.startsWith('api::') && !ct.uid.startsWith('plugin::site')) continue;
    for (const attribute of Object.values(ct.attributes)) {
      for (const value of attribute.type === 'enumeration' ? attribute.enum ?? [] : []) {
        if ((ENUM_LABELS[value]?.[language] ?? value).toLowerCase() !== value.toLowerCase()) values.add(value);
      }
    }
  }
  const stageKeys = ['received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling', 'ready', 'reserved', 'handed_over', 'dismantled', 'recycled', 'reviewing', 'accepted', 'machine_reserved', 'closed', 'refused', 'withdrawn'];
  // In English, `ready`, `received` or `handed-over` are words of the sentences: only a key with
  // its underscore (`handed_over`, `flat_screen`) is a key there.
  const keys = [...values, ...stageKeys].filter((v) => language === 'fr' || v.includes('_'));
  return keys.map((v) => new RegExp(`(^|[\\s(«:,])${language === 'fr' ? v.replace(/[-_]/g, '[-_]') : v}($|[\\s)»:,.])`, 'm'));
}

/** What staff read in the page's main area, with its controls' placeholders and labels. */
const screenText = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector('#main-content') ?? document.body;
    const attributes = Array.from(main.querySelectorAll('[placeholder], [aria-label]')).flatMap((element) => ['placeholder', 'aria-label'].map((name) => element.getAttribute(name) ?? ''));
    return [(main as HTMLElement).innerText, ...attributes].join('\n');
  });

async function crawl(role: 'seconde-vie-coordination' | 'seconde-vie-atelier', email: string, language: Language) {
  await staffToken(app, role, email);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // The language a user picks in their profile: the admin reads it from this key at each start.
  await page.addInitScript((lang) => window.localStorage.setItem('strapi-admin-language', lang), language);
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  const problems: string[] = [];
  const keys = enumKeys(language);
  // Names staff give the stages in the workflow settings and the skills in their catalogue are the
  // workshop's data, shown as typed.
  const workshopNames = new Set((await app.strapi.plugin('pipeline').service('workflows').list()).flatMap((w: { stages: Array<{ label: string }> }) => w.stages.map((stage) => stage.label)));
  for (const { name } of (await app.sql.query('SELECT name FROM skills')).rows as Array<{ name: string }>) workshopNames.add(name);
  const lines: string[] = [];
  try {
    await logInToAdmin(page, baseUrl, { email, password: 'Mot-de-passe-2012' });
    // The content types this role is offered: the content manager's own menu.
    await page.goto(`${baseUrl}/admin/content-manager`);
    await page.locator('nav a[href*="collection-types/"], nav a[href*="single-types/"]').first().waitFor({ timeout: 60000 });
    const links = await page.locator('nav a[href*="collection-types/"], nav a[href*="single-types/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    const pages: string[] = [];
    for (const href of [...new Set(links)].filter((h) => h.includes('::'))) {
      const path = href.startsWith('/admin') ? href.split('?')[0] : `/admin${href.split('?')[0]}`;
      pages.push(path);
      const uid = decodeURIComponent(path.split('/').pop() ?? '');
      if (path.includes('collection-types/')) {
        // The latest record of the staff member's workshop (the default one; the demo's Morlaix is not theirs, docs/network.md).
        const home = (await app.strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true }, select: ['id'] })) as { id: number };
        const first = (await app.strapi.db.query(uid as 'api::machine.machine').findOne({ where: scopeWhere(uid, { all: false, ids: [home.id] }), select: ['documentId'], orderBy: { id: 'desc' } })) as { documentId?: string } | null;
        if (first?.documentId) pages.push(`${path}/${first.documentId}`);
      }
    }
    pages.push('/admin', '/admin/plugins/pipeline', '/admin/plugins/pipeline/station', '/admin/plugins/pipeline/settings', '/admin/plugins/pipeline-team', '/admin/plugins/relations', '/admin/plugins/reporting', '/admin/plugins/outreach', '/admin/plugins/documents', '/admin/plugins/intake', '/admin/plugins/network');
    for (const path of pages) {
      const seen = messages.length;
      await page.goto(`${baseUrl}${path}`);
      await page.locator('#main-content').first().waitFor({ timeout: 60000 });
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await page.waitForTimeout(400);
      const text = await screenText(page);
      // A page this role is not allowed: Strapi says so; nothing else to read.
      if (NOT_ALLOWED.test(text)) continue;
      const edit = /\/[a-z0-9]{24}$/.test(path);
      for (const key of keys) {
        const hit = key.exec(text);
        if (hit) problems.push(`${path}: clé « ${hit[0].trim()} »`);
      }
      // An edit view's own address holds its id; the page must not show one.
      const id = DOCUMENT_ID.exec(text);
      if (id) problems.push(`${path}: identifiant ${id[0]}`);
      for (const pattern of language === 'fr' ? ENGLISH : FRENCH) if (pattern.test(text)) problems.push(`${path}: ${language === 'fr' ? 'anglais' : 'français'} ${pattern}`);
      for (const pattern of DEVELOPER) if (pattern.test(text)) problems.push(`${path}: lien pour développeurs ${pattern}`);
      lines.push(`## ${path}`, text);
      for (const line of otherLanguageLines(text, language).filter((l) => !workshopNames.has(l))) problems.push(`${path}: ${language === 'fr' ? 'anglais' : 'français'} « ${line} »`);
      for (const message of messages.slice(seen)) if (MISSING_TRANSLATION.test(message)) problems.push(`${path}: console ${message.slice(0, 160)}`);
      if (edit || path === '/admin') await page.screenshot({ path: screenshotPath(`crawl-${language}-${role.replace('seconde-vie-', '')}-${path.split('/').slice(-2).join('-').replace(/[^a-z0-9-]/gi, '_')}`) });
    }
    // What the crawl read, for a person to read through once (the catalogues catch whole lines only).
    fs.writeFileSync(screenshotPath(`crawl-${language}-${role.replace('seconde-vie-', '')}`).replace(/\.png$/, '.txt'), lines.join('\n'));
    return { problems, visited: pages.length };
  } finally {
    await page.close();
  }
}

/**
 * A crawl visits some forty pages; on CI's two cores, with other test files booting beside it, the
 * Coordination crawl once took more than the default 180 s (nothing was wrong on any page).
 */
const CRAWL_TIMEOUT_MS = 480_000;

describe.each<Language>(['fr', 'en'])('labels, not keys, for each role (%s)', (language) => {
  it('Coordination: every list, edit view and plugin page', async () => {
    const { problems, visited } = await crawl('seconde-vie-coordination', `coordination-crawl-${language}@seconde-vie.test`, language);
    expect(visited).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, CRAWL_TIMEOUT_MS);

  it('Atelier: every list, edit view and plugin page it is offered', async () => {
    const { problems, visited } = await crawl('seconde-vie-atelier', `atelier-crawl-${language}@seconde-vie.test`, language);
    expect(visited).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  }, CRAWL_TIMEOUT_MS);
});
