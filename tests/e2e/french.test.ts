import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

/**
 * Issue 17: Strapi's own screens in French. Staff met Strapi's English (« Content Manager »,
 * « Search », « max. 1000 characters »…) and the console logged missing French keys on every page.
 */
const MISSING_TRANSLATION = /missing.*translation|\[@formatjs\/intl Error MISSING_TRANSLATION\]/i;
const ENGLISH = [
  /Content Manager/,
  /\bSearch\b/,
  /\bcharacters?\b/,
  /Create a relation/,
  /Set up preview/,
  /Add Widget/,
  /Drag to move/,
  /Choose date/,
  /entries found/,
  /\bPreview\b/,
];

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
const consoleMessages: string[] = [];

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (message) => consoleMessages.push(message.text()));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What staff read: the page's text, and the placeholders and labels of its controls. */
const screenText = (target: Page) =>
  target.evaluate(() => {
    const attributes = Array.from(document.querySelectorAll('[placeholder], [aria-label], [title]')).flatMap((element) =>
      ['placeholder', 'aria-label', 'title'].map((name) => element.getAttribute(name) ?? '')
    );
    return [document.body.innerText, ...attributes].join('\n');
  });

const documentId = async (uid: 'api::machine.machine' | 'api::prescription.prescription') => {
  const entry = await app.strapi.documents(uid).findFirst({ fields: ['documentId'] });
  if (!entry) throw new Error(`no ${uid} in the demo data`);
  return entry.documentId;
};

describe("Strapi's screens, in French", () => {
  it('show no English and log no missing translation on the home page, the lists, the forms and the media library', async () => {
    await logInToAdmin(page, baseUrl);
    const visits: Array<{ name: string; path: string; ready: string }> = [
      { name: 'french-home', path: '/admin', ready: 'main h1' },
      { name: 'french-machines-list', path: '/admin/content-manager/collection-types/api::machine.machine', ready: 'tbody tr' },
      {
        name: 'french-machine-edit',
        path: `/admin/content-manager/collection-types/api::machine.machine/${await documentId('api::machine.machine')}`,
        ready: 'main form input[name="labelCode"]',
      },
      { name: 'french-prescriptions-list', path: '/admin/content-manager/collection-types/api::prescription.prescription', ready: 'tbody tr' },
      {
        name: 'french-prescription-edit',
        path: `/admin/content-manager/collection-types/api::prescription.prescription/${await documentId('api::prescription.prescription')}`,
        ready: 'main form',
      },
      { name: 'french-media-library', path: '/admin/plugins/upload', ready: 'main h1' },
    ];
    const english: string[] = [];
    for (const visit of visits) {
      await page.goto(`${baseUrl}${visit.path}`);
      await page.locator(visit.ready).first().waitFor({ timeout: 60000 });
      // Late requests (counts, relations, widgets) render after the first paint.
      await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => undefined);
      await page.screenshot({ path: screenshotPath(visit.name), fullPage: true });
      const text = await screenText(page);
      for (const pattern of ENGLISH) {
        const line = text.split('\n').find((candidate) => pattern.test(candidate));
        if (line !== undefined) english.push(`${visit.name}: ${line.trim()}`);
      }
    }
    expect(english).toEqual([]);
    expect(consoleMessages.filter((message) => MISSING_TRANSLATION.test(message))).toEqual([]);
  });
});
