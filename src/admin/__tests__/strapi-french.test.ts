/**
 * Strapi's own French (issue 17): its shipped fr.json files miss hundreds of keys, so staff met
 * English (« Content Manager », « Search », « Create a relation »…) and the console logged missing
 * translations. src/admin/translations/strapi-fr.json completes them; this test keeps it complete
 * when Strapi is upgraded, and keeps every message valid ICU with the English placeholders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import strapiFrench from '../translations/strapi-fr.json';

type Messages = Record<string, string>;

const STRAPI = path.join(__dirname, '..', '..', '..', 'node_modules', '@strapi');
const load = createRequire(__filename);

/**
 * The Strapi packages whose screens staff use, where their translations and admin code are, and
 * the prefix Strapi gives their keys when it merges them (registerTrads → prefixPluginTranslations;
 * config.translations is spread last, unprefixed, in StrapiApp.loadTrads). Not listed: the
 * Enterprise plugins content-releases and review-workflows (no licence, promoteEE is false in
 * config/admin.ts: none of their strings shows) and the content-type builder (developers only).
 */
const PACKAGES = [
  { name: 'admin', dir: 'admin/dist/admin/admin/src', prefix: '' },
  { name: 'content-manager', dir: 'content-manager/dist/admin', prefix: 'content-manager.' },
  { name: 'upload', dir: 'upload/dist/admin', prefix: 'upload.' },
  { name: 'users-permissions', dir: 'plugin-users-permissions/dist/admin', prefix: 'users-permissions.' },
  { name: 'i18n', dir: 'i18n/dist/admin', prefix: 'i18n.' },
  { name: 'email', dir: 'email/dist/admin', prefix: 'email.' },
];

const translations = (dir: string, prefix: string, locale: string): Messages => {
  const module = load(path.join(STRAPI, dir, 'translations', `${locale}.json.js`)) as Messages & { default?: Messages };
  const messages = module.default ?? module;
  return Object.fromEntries(Object.entries(messages).map(([key, message]) => [prefix + key, message]));
};

const english: Messages = {};
const strapiFr: Messages = {};
const perPackage = PACKAGES.map(({ name, dir, prefix }) => {
  const en = translations(dir, prefix, 'en');
  Object.assign(english, en);
  Object.assign(strapiFr, translations(dir, prefix, 'fr'));
  return { name, dir, prefix, en };
});
const ours: Messages = strapiFrench;

/**
 * Ids the packages' admin code formats with a literal English defaultMessage but that no en.json
 * holds (`content-manager.plugin.name`, `search.placeholder`…): without a French message, staff
 * read the English default and the console logs a missing translation.
 */
const CALL = String.raw`[A-Za-z_.]+\(\s*(?:'[^']*'|"[^"]*"|\x60[^\x60]*\x60)\s*\)`;
const ID = String.raw`'[^'$]*'|"[^"$]*"|\x60[^\x60]*\x60|` + CALL;
const DEFAULT = String.raw`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\x60((?:[^\x60\\$]|\\.)*)\x60`;
const FORMATTED = new RegExp(String.raw`\bid:\s*(${ID})\s*,\s*defaultMessage:\s*(?:${DEFAULT})`, 'g');
/** Literal ids that are not messages staff read (values, a developer's placeholder). */
const NOT_MESSAGES = new Set(['', 'true', 'false', 'null', 'FIXME', 'http://www.client-app.com', 'Zone pour plugins']);

/** The Enterprise plugins' ids, which some free screens reference: inactive here, never shown. */
const ENTERPRISE = /^(content-releases|review-workflows)\./;

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'translations' ? [] : sourceFiles(file);
    return entry.name.endsWith('.mjs') ? [file] : [];
  });

const idsInCode = (dir: string, prefix: string): Messages => {
  const ids: Messages = {};
  for (const file of sourceFiles(path.join(STRAPI, dir))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(FORMATTED)) {
      const expression = match[1];
      const call = /^[A-Za-z_.]+\(\s*(.*?)\s*\)$/s.exec(expression);
      const literal = (call ? call[1] : expression).slice(1, -1);
      const id = call ? prefix + literal : literal.replace(/^\$\{(?:pluginId|PLUGIN_ID)\}\./, prefix);
      if (id.includes('${') || NOT_MESSAGES.has(id) || ENTERPRISE.test(id)) continue;
      ids[id] ??= match[2] ?? match[3] ?? match[4];
    }
  }
  return ids;
};

/** The arguments and tags a message uses ({count}, <b>…), from its parsed form. */
const placeholders = (message: string): string[] => {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.value);
      if (element.type === TYPE.tag) walk(element.children);
      if (element.type === TYPE.select || element.type === TYPE.plural) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(new IntlMessageFormat(message, 'fr').getAst());
  return [...names].sort();
};

/** Strapi's English that is not always valid ICU (a select without `other`): names by pattern then. */
const englishPlaceholders = (message: string): string[] => {
  try {
    return placeholders(message);
  } catch {
    // `{name}` or `{name, …}`, but not an option's text (`OVER_LIMIT {Over}`).
    const names = [...message.matchAll(/(?<!\b(?:[A-Z_]{2,}|zero|one|two|few|many|other|=\d+)\s)\{\s*(\w+)\s*[,}]/g), ...message.matchAll(/<(\w+)>/g)].map((match) => match[1]);
    return [...new Set(names)].sort();
  }
};

/** Messages that are the same word in French (brands, technical names, abbreviations). */
const SAME_AS_ENGLISH = new Set([
  'Audio', 'Code', 'Confirmation', 'Configuration', 'CSV', 'Description', 'Dimensions', 'DKIM', 'Document',
  'Documentation', 'Extension', 'GraphQL', 'OAuth2', 'PDF', 'Sentry', 'Strapi Cloud', 'Type', 'X', 'XLS', 'Y',
  'ZIP', 'Actions', 'actions', 'action', 'Application', 'Version', 'Administration', 'Email',
  '{firstname} {lastname}', 'noopener, nofollow, noreferrer', '_blank, _self, _parent, _top',
]);

describe("Strapi's admin in French", () => {
  it.each(perPackage)('has a French message for every key of $name’s en.json', ({ en }) => {
    const missing = Object.keys(en).filter((key) => !(key in strapiFr) && !(key in ours));
    expect(missing).toEqual([]);
  });

  it.each(perPackage)('has a French message for every id $name’s code formats with an English default', ({ dir, prefix }) => {
    const ids = idsInCode(dir, prefix);
    expect(Object.keys(ids).length).toBeGreaterThan(30);
    const missing = Object.keys(ids).filter((id) => !(id in english) && !(id in strapiFr) && !(id in ours));
    expect(missing).toEqual([]);
  });

  it('adds only keys the admin knows (a key Strapi never looks up is a typo)', () => {
    const known = new Set([...Object.keys(english), ...Object.keys(strapiFr)]);
    for (const { dir, prefix } of perPackage) for (const id of Object.keys(idsInCode(dir, prefix))) known.add(id);
    expect(Object.keys(ours).filter((key) => !known.has(key))).toEqual([]);
  });

  it('writes valid ICU messages with the English placeholders', () => {
    const problems: string[] = [];
    const defaults: Messages = Object.assign({}, ...perPackage.map(({ dir, prefix }) => idsInCode(dir, prefix)));
    for (const [key, message] of Object.entries(ours)) {
      let names: string[];
      try {
        names = placeholders(message);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      const source = english[key] ?? defaults[key];
      if (source !== undefined && englishPlaceholders(source).join() !== names.join()) {
        problems.push(`${key}: ${names.join()} instead of ${englishPlaceholders(source).join()}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('translates: no message left as the English one, but for names that are the same in French', () => {
    const untranslated = Object.entries(ours).filter(([key, message]) => message === english[key] && !SAME_AS_ENGLISH.has(message));
    expect(untranslated).toEqual([]);
  });

  it('writes French typography: ’ and « », a space before : ; ? !', () => {
    // <light>…</light> holds code (an HTTP header, a URL), which keeps its own punctuation.
    const text = (message: string) => message.replace(/<light>.*?<\/light>/g, '');
    const problems = Object.entries(ours).filter(([, message]) => /[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]|"|\S[;?!](?:\s|$)|[A-Za-zÀ-ÿ):]:(?:\s|$)/.test(text(message)));
    expect(problems).toEqual([]);
  });

  it('fixes the French Strapi ships with a wrong plural', () => {
    const format = (key: string, values: Record<string, number>) =>
      new IntlMessageFormat(ours[key] ?? strapiFr[key], 'fr').format(values);
    expect(format('content-manager.pages.ListView.header-subtitle', { number: 0 })).toBe('Aucune fiche trouvée');
    expect(format('content-manager.pages.ListView.header-subtitle', { number: 2 })).toBe('2 fiches trouvées');
    expect(format('content-manager.plugin.name', {})).toBe('Gestionnaire de contenu');
  });
});
