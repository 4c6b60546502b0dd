/** The « Devenir bénévole » form: fields, limits and French messages, checked on the server. */
import { isMailAddress } from '../../../../../shared/mail';
import { cleanText, PHONE } from './offer';
import { normalizePostcode } from './routing';

export const VOLUNTEER_FIELDS = ['name', 'email', 'phone', 'postalCode', 'availability', 'wishes', 'consent'] as const;
export type VolunteerField = (typeof VOLUNTEER_FIELDS)[number] | 'skills';

export interface VolunteerOfferValues {
  name: string;
  email: string;
  phone: string;
  /** Optional: routes the application to the workshop covering it (else the default one). */
  postalCode: string;
  availability: string;
  wishes: string;
  consent: string;
  /** Keys of the skills catalogue the visitor ticked. */
  skills: string[];
}

/** A skill of the catalogue, as the form offers it. */
export interface SkillChoice {
  key: string;
  name: string;
}

export const VOLUNTEER_MESSAGES = {
  nameRequired: 'Indiquez votre nom (ou un prénom et une initiale).',
  nameTooLong: 'Le nom ne doit pas dépasser 120 caractères.',
  contactRequired: 'Indiquez une adresse e-mail ou un numéro de téléphone, pour que nous puissions vous répondre.',
  emailInvalid: 'L’adresse e-mail n’est pas valide (exemple : prenom.nom@exemple.fr).',
  phoneInvalid: 'Le numéro de téléphone n’est pas valide (chiffres, espaces, +, points ; 6 à 20 caractères).',
  postalCodeInvalid: 'Le code postal n’est pas valide : 5 chiffres (exemple : 29600), ou laissez le champ vide.',
  availabilityTooLong: 'Les disponibilités ne doivent pas dépasser 500 caractères.',
  wishesTooLong: 'Ce que vous aimeriez faire ne doit pas dépasser 1 000 caractères.',
  skillsInvalid: 'Choisissez parmi les activités proposées.',
  consentRequired: 'Cochez la case d’accord pour que nous puissions garder vos coordonnées et vous recontacter.',
  tooLarge: 'Votre envoi est trop volumineux (10 Ko de texte au plus). Raccourcissez vos réponses et renvoyez le formulaire.',
  failed: 'Votre candidature n’a pas pu être enregistrée à cause d’un incident de notre côté. Réessayez plus tard ou écrivez-nous.',
} as const;

export type VolunteerErrors = Partial<Record<VolunteerField, string>>;

const MULTILINE = new Set(['availability', 'wishes']);

/**
 * Picks the known fields as trimmed strings (anything else is ignored), cleaned as the donation
 * offer's (`cleanText`: no line break in a one-line field). `skills` may come once (a string) or
 * repeated (an array); at most 50 values are read.
 */
export function readVolunteerOffer(body: unknown): VolunteerOfferValues {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (field: string): string => cleanText(source[field], MULTILINE.has(field));
  const rawSkills = source.skills;
  const skills = (Array.isArray(rawSkills) ? rawSkills : rawSkills === undefined ? [] : [rawSkills])
    .slice(0, 50)
    .map((s) => (typeof s === 'string' ? s.trim().slice(0, 60) : '\u0000'));
  return {
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    postalCode: text('postalCode'),
    availability: text('availability'),
    wishes: text('wishes'),
    consent: text('consent'),
    skills: [...new Set(skills)],
  };
}

export function validateVolunteerOffer(values: VolunteerOfferValues, catalogue: SkillChoice[]): VolunteerErrors {
  const errors: VolunteerErrors = {};
  if (!values.name) errors.name = VOLUNTEER_MESSAGES.nameRequired;
  else if (values.name.length > 120) errors.name = VOLUNTEER_MESSAGES.nameTooLong;
  if (!values.email && !values.phone) errors.email = VOLUNTEER_MESSAGES.contactRequired;
  if (values.email && (values.email.length > 160 || !isMailAddress(values.email))) errors.email = VOLUNTEER_MESSAGES.emailInvalid;
  if (values.phone && !PHONE.test(values.phone)) errors.phone = VOLUNTEER_MESSAGES.phoneInvalid;
  if (values.postalCode && !normalizePostcode(values.postalCode)) errors.postalCode = VOLUNTEER_MESSAGES.postalCodeInvalid;
  if (values.availability.length > 500) errors.availability = VOLUNTEER_MESSAGES.availabilityTooLong;
  if (values.wishes.length > 1000) errors.wishes = VOLUNTEER_MESSAGES.wishesTooLong;
  const known = new Set(catalogue.map((s) => s.key));
  if (values.skills.some((key) => !known.has(key))) errors.skills = VOLUNTEER_MESSAGES.skillsInvalid;
  if (values.consent !== 'oui') errors.consent = VOLUNTEER_MESSAGES.consentRequired;
  return errors;
}

/** What the coordinators read in the record's notes: the visitor's wishes, in words. */
export function candidateNotes(values: VolunteerOfferValues, catalogue: SkillChoice[]): string {
  const chosen = values.skills.map((key) => catalogue.find((s) => s.key === key)?.name ?? key);
  return [
    'Candidature reçue par le formulaire « Devenir bénévole » du site public (informations non vérifiées).',
    values.postalCode ? `Code postal : ${normalizePostcode(values.postalCode) ?? values.postalCode}.` : '',
    chosen.length ? `Aimerait faire : ${chosen.join(', ')}.` : '',
    values.wishes ? `En ses mots : ${values.wishes}` : '',
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, 2000);
}
