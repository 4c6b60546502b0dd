/**
 * Volunteers' badges (docs/volunteers.md, « Qui est au poste »): a code printed as a barcode on a
 * card, scanned at the bench to say who is working. Pure logic, read by the server and the admin.
 *
 * Shape: `BV-XXXX-XXXX`, eight characters of Crockford's base-32 alphabet (no I, L, O, U) in two
 * groups: 40 random bits, never derived from the volunteer's id. Two dashes and letters: a badge
 * can never be read as a unit's label (`SV-000123`, one dash and six digits), nor a label as a badge.
 */
export const BADGE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const BADGE_CODE = /^BV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export const isBadgeCode = (text: string): boolean => BADGE_CODE.test(text.trim().toUpperCase());

/** A PIN: 4 to 6 digits, stored hashed (bcrypt, as Strapi stores passwords). */
export const PIN_PATTERN = /^\d{4,6}$/;

/** The code from 8 random values (0–255 each): the caller brings the randomness (crypto on the server). */
export function badgeCodeFrom(random: ArrayLike<number>): string {
  if (random.length < 8) throw new Error('a badge needs 8 random values');
  const chars = Array.from({ length: 8 }, (_, i) => BADGE_ALPHABET[random[i] % 32]);
  return `BV-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** « Marie K. », « Hervé L. » (Hervé Le Moal): the first name and the surname's initial, as the station and the timeline show an operator. */
export function shortName(name: string): string {
  const [first, surname] = name.trim().split(/\s+/).filter(Boolean);
  return surname ? `${first} ${surname[0].toUpperCase()}.` : first ?? '';
}
