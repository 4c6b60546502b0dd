/** The "Proposer un don" form: fields, limits and French messages, checked on the server. */
import { isMailAddress } from '../../../../../shared/mail';
import { normalizePostcode } from './routing';

export const OFFER_FIELDS = ['organisation', 'contactName', 'email', 'phone', 'quantity', 'equipment', 'location', 'postalCode', 'message'] as const;
export type OfferField = (typeof OFFER_FIELDS)[number];
export type OfferValues = Record<OfferField, string>;

/** The honeypot: hidden from people, filled by robots. */
export const HONEYPOT = 'website';

/** A whole submission above this many bytes of text is refused. */
export const MAX_BODY_BYTES = 10 * 1024;

export const EQUIPMENT_KINDS: Record<string, string> = {
  desktop: 'Ordinateurs fixes (unités centrales)',
  laptop: 'Ordinateurs portables',
  screen: 'Écrans',
  mixed: 'Un parc mélangé (postes, écrans, périphériques)',
  other: 'Autre matériel',
};

export const OFFER_MESSAGES = {
  organisationRequired: 'Indiquez le nom de votre organisation.',
  organisationTooLong: 'Le nom de l’organisation ne doit pas dépasser 160 caractères.',
  contactNameRequired: 'Indiquez le nom de la personne à contacter.',
  contactNameTooLong: 'Le nom ne doit pas dépasser 120 caractères.',
  emailRequired: 'Indiquez une adresse e-mail.',
  emailInvalid: 'L’adresse e-mail n’est pas valide (exemple : nom@organisation.fr).',
  phoneInvalid: 'Le numéro de téléphone n’est pas valide (chiffres, espaces, +, points ; 6 à 20 caractères).',
  quantityRequired: 'Indiquez le nombre approximatif de machines.',
  quantityInvalid: 'Le nombre de machines doit être un nombre entier entre 1 et 10 000.',
  equipmentRequired: 'Choisissez le type de matériel.',
  locationRequired: 'Indiquez la commune où se trouve le matériel.',
  locationTooLong: 'La commune ne doit pas dépasser 120 caractères.',
  postalCodeInvalid: 'Le code postal n’est pas valide : 5 chiffres (exemple : 29600), ou laissez le champ vide.',
  messageTooLong: 'Le message ne doit pas dépasser 2 000 caractères.',
  tooLarge: 'Votre envoi est trop volumineux (10 Ko de texte au plus). Raccourcissez le message et renvoyez le formulaire.',
  rateLimited: 'Trop d’envois depuis votre connexion. Merci de réessayer dans une heure, ou écrivez-nous directement.',
  crossSite: 'Ce formulaire doit être envoyé depuis notre site.',
  failed: 'Votre proposition n’a pas pu être enregistrée à cause d’un incident de notre côté. Réessayez plus tard ou écrivez-nous.',
  summary: 'Le formulaire contient des erreurs : corrigez les champs signalés ci-dessous.',
} as const;

export type OfferErrors = Partial<Record<OfferField, string>>;

export const PHONE = /^[0-9 +().-]{6,20}$/;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/**
 * Invisible characters: Unicode format characters (category Cf: zero-width space and joiners,
 * direction marks and overrides, word joiner, BOM, soft hyphen…) and the other default-ignorable
 * ones (Hangul fillers, variation selectors). A name made only of them looks empty.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu;

/**
 * A typed value as a trimmed string ('' when not a string). A one-line field loses its line
 * breaks and control characters (a CR/LF typed in a name would otherwise travel into a header or
 * a record's title) and its invisible characters (a name of zero-width spaces is an empty name);
 * a free-text field keeps its line breaks only.
 */
export function cleanText(value: unknown, multiline: boolean): string {
  if (typeof value !== 'string') return '';
  const clean = multiline ? value.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_NEWLINE, '') : value.replace(CONTROL, ' ').replace(INVISIBLE, '');
  return clean.trim();
}

/** Picks the known fields as trimmed strings (anything else in the body is ignored); the message keeps its line breaks only. */
export function readOffer(body: unknown): OfferValues {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(OFFER_FIELDS.map((field) => [field, cleanText(source[field], field === 'message')])) as OfferValues;
}

export function validateOffer(values: OfferValues): OfferErrors {
  const errors: OfferErrors = {};
  if (!values.organisation) errors.organisation = OFFER_MESSAGES.organisationRequired;
  else if (values.organisation.length > 160) errors.organisation = OFFER_MESSAGES.organisationTooLong;
  if (!values.contactName) errors.contactName = OFFER_MESSAGES.contactNameRequired;
  else if (values.contactName.length > 120) errors.contactName = OFFER_MESSAGES.contactNameTooLong;
  if (!values.email) errors.email = OFFER_MESSAGES.emailRequired;
  else if (values.email.length > 160 || !isMailAddress(values.email)) errors.email = OFFER_MESSAGES.emailInvalid;
  if (values.phone && !PHONE.test(values.phone)) errors.phone = OFFER_MESSAGES.phoneInvalid;
  if (!values.quantity) errors.quantity = OFFER_MESSAGES.quantityRequired;
  else if (!/^\d{1,5}$/.test(values.quantity) || Number(values.quantity) < 1 || Number(values.quantity) > 10000) errors.quantity = OFFER_MESSAGES.quantityInvalid;
  if (!values.equipment || !(values.equipment in EQUIPMENT_KINDS)) errors.equipment = OFFER_MESSAGES.equipmentRequired;
  if (!values.location) errors.location = OFFER_MESSAGES.locationRequired;
  else if (values.location.length > 120) errors.location = OFFER_MESSAGES.locationTooLong;
  if (values.postalCode && !normalizePostcode(values.postalCode)) errors.postalCode = OFFER_MESSAGES.postalCodeInvalid;
  if (values.message.length > 2000) errors.message = OFFER_MESSAGES.messageTooLong;
  return errors;
}

/** Same-origin check for the form (CSRF): the Origin header, or else the Referer, must be ours. */
export function isSameOrigin(headers: { origin?: string; referer?: string; 'sec-fetch-site'?: string }, ownOrigin: string): boolean {
  if (headers['sec-fetch-site'] === 'cross-site') return false;
  const claimed = headers.origin && headers.origin !== 'null' ? headers.origin : headers.referer;
  if (!claimed) return false;
  try {
    return new URL(claimed).origin === ownOrigin;
  } catch {
    return false;
  }
}
