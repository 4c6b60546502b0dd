import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { adminTranslations } from '../../src/shared/labels';
import { FIELD_HINTS } from '../../src/shared/field-hints';

/**
 * The admin's interface text in French and in English, for the crawls that fail on « text of the
 * other language » (issue 17): Strapi's own messages (its packages' fr and en files, completed by
 * src/admin/translations/strapi-fr.json), the app's labels and field hints (src/shared/labels.ts, field-hints.ts) and each local
 * plugin's translations. A screen line equal to a message of the other language, and to none of
 * the page's language, is interface text left untranslated.
 */
type Messages = Record<string, string>;

const ROOT = path.join(__dirname, '..', '..');
const load = createRequire(__filename);
const STRAPI_PACKAGES = ['admin/dist/admin/admin/src', 'content-manager/dist/admin', 'upload/dist/admin', 'plugin-users-permissions/dist/admin', 'i18n/dist/admin', 'email/dist/admin'];

const strapiMessages = (locale: 'fr' | 'en'): Messages[] =>
  STRAPI_PACKAGES.map((dir) => {
    const module = load(path.join(ROOT, 'node_modules', '@strapi', dir, 'translations', `${locale}.json.js`)) as Messages & { default?: Messages };
    return module.default ?? module;
  });

const pluginMessages = (locale: 'fr' | 'en'): Messages[] =>
  fs
    .readdirSync(path.join(ROOT, 'src', 'plugins'))
    .map((plugin) => path.join(ROOT, 'src', 'plugins', plugin, 'admin', 'src', 'translations', `${locale}.json`))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as Messages);

/** A message as a screen line: ICU placeholders and tags make it unmatchable, so they are left out. */
export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function catalogue(locale: 'fr' | 'en'): Set<string> {
  const hints = Object.values(FIELD_HINTS).flatMap((fields) => Object.values(fields).map((hint) => hint[locale]));
  const all: Messages[] = [...strapiMessages(locale), ...pluginMessages(locale), adminTranslations(locale), Object.fromEntries(hints.map((hint, i) => [String(i), hint]))];
  if (locale === 'fr') all.push(JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'admin', 'translations', 'strapi-fr.json'), 'utf8')) as Messages);
  const out = new Set<string>();
  for (const messages of all) {
    for (const message of Object.values(messages)) {
      const line = normalise(message);
      // A word of two letters or a message with arguments says nothing about its language on screen.
      if (line.length >= 3 && /[A-Za-zÀ-ÿ]/.test(line) && !/[{}<>]/.test(line)) out.add(line);
    }
  }
  return out;
}

let cached: Record<'fr' | 'en', Set<string>> | undefined;

/** The lines of `text` that are interface text of the other language only. */
export function otherLanguageLines(text: string, language: 'fr' | 'en'): string[] {
  cached ??= { fr: catalogue('fr'), en: catalogue('en') };
  const own = cached[language];
  const other = cached[language === 'fr' ? 'en' : 'fr'];
  return [...new Set(text.split('\n').map(normalise))].filter((line) => other.has(line) && !own.has(line));
}
