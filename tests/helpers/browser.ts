import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEV_ADMIN } from './admin';
import { CHROMIUM_FLAGS, chromiumPath } from '../../src/plugins/documents/server/src/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

/** Screenshots go to test-results/screenshots (git-ignored). */
export function screenshotPath(name: string): string {
  const dir = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Logs in to the admin through its login form, as staff do. */
export async function logInToAdmin(page: Page, baseUrl: string, credentials = DEV_ADMIN): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
}

/**
 * Picks an option in a design-system select (Radix) the way a keyboard user does: open the list,
 * focus the option, press Enter. A mouse click on an option is flaky on a loaded machine: the list
 * scrolls and re-renders under the pointer ("element is not stable", "detached from the DOM").
 */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if ((await combobox.getAttribute('aria-expanded')) !== 'true') await combobox.click();
    const item = page.getByRole('option', { name: option });
    try {
      await item.waitFor({ timeout: 15000 });
      await item.focus({ timeout: 5000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page (rule ids). The
 * page's context needs `bypassCSP: true`, only to inject axe: the public pages run no script.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  })) as Array<{ id: string; impact: string | null }>;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}
