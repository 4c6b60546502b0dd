/**
 * The admin user's language for what the pages format themselves (dates, numbers, a label with its
 * value): Strapi keeps the choice in localStorage (`strapi-admin-language`); the app speaks French
 * and English. English dates stay day-first (en-GB): the workshop's users read them that way.
 */
import { ENUM_LABELS } from '../labels';

const LANGUAGE_KEY = 'strapi-admin-language';

export type AdminLanguage = 'fr' | 'en';

export const adminLanguage = (): AdminLanguage => (typeof window !== 'undefined' && window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'fr');

/** The `Intl` locale of the user's language. */
export const adminLocale = (): string => (adminLanguage() === 'en' ? 'en-GB' : 'fr-FR');

/** « Prête : 389 » in French, “Ready: 389” in English (French sets a space before the colon). */
export const withValue = (label: string, value: string | number): string => `${label}${adminLanguage() === 'fr' ? ' : ' : ': '}${value}`;

/** An enumeration value's label in the user's language (the value itself when it has none). */
export const enumLabel = (value: string): string => ENUM_LABELS[value]?.[adminLanguage()] ?? value;
