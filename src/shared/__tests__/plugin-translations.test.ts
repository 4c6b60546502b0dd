/**
 * Each local plugin's admin text exists in French and in English (issue 17: no text of the other
 * language on screen). A literal id the code formats (`t('board.title', 'Tableau')`,
 * `getTranslation('menu')`) without an entry in en.json shows its French default to an English
 * user; ids built at run time (`t(`status.${s}`, …)`) are checked by the admin crawl instead.
 */
import fs from 'node:fs';
import path from 'node:path';

const PLUGINS = path.join(__dirname, '..', '..', 'plugins');

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' || entry.name === 'translations' ? [] : sources(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });

const plugins = fs
  .readdirSync(PLUGINS)
  .filter((name) => fs.existsSync(path.join(PLUGINS, name, 'admin', 'src')))
  .map((name) => {
    const dir = path.join(PLUGINS, name, 'admin', 'src');
    const ids = new Set<string>();
    for (const file of sources(dir)) {
      const code = fs.readFileSync(file, 'utf8');
      for (const match of code.matchAll(/\bt\(\s*'([^'$]+)'\s*,/g)) ids.add(match[1]);
      for (const match of code.matchAll(/getTranslation\(\s*'([^'$]+)'\s*\)/g)) ids.add(match[1]);
    }
    const read = (locale: string): Record<string, string> | null => {
      const file = path.join(dir, 'translations', `${locale}.json`);
      return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : null;
    };
    return { name, ids: [...ids], fr: read('fr'), en: read('en') };
  });

describe('local plugins’ admin translations', () => {
  it('finds the plugins and their ids', () => {
    expect(plugins.filter((p) => p.ids.length > 20).length).toBeGreaterThanOrEqual(6);
  });

  it.each(plugins.map((p) => [p.name, p] as const))('%s: French and English have the same keys', (_name, p) => {
    if (p.ids.length === 0) return;
    expect(p.fr).not.toBeNull();
    expect(Object.keys(p.en ?? {}).sort()).toEqual(Object.keys(p.fr ?? {}).sort());
  });

  it.each(plugins.map((p) => [p.name, p] as const))('%s: every id the code formats is in both', (_name, p) => {
    expect(p.ids.filter((id) => !(id in (p.en ?? {})) || !(id in (p.fr ?? {})))).toEqual([]);
  });
});
