import { errors, yup } from '@strapi/utils';
import { RELATIONSHIPS } from '../../../shared/contracts';

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Validates with yup and answers a French 400 naming the fields. */
export async function validate<T>(schema: { validate(value: unknown, options: object): Promise<unknown> }, input: unknown): Promise<T> {
  try {
    return (await schema.validate(input ?? {}, { abortEarly: false, stripUnknown: false })) as T;
  } catch (error) {
    const e = error as yup.ValidationError;
    throw new errors.ValidationError(e.errors?.join(' ') || e.message, {
      errors: (e.inner ?? []).map((i) => ({ path: String(i.path ?? '').split('.'), message: i.message, name: 'ValidationError', value: null })),
    });
  }
}

export function documentIdParam(value: unknown, what: string): string {
  const id = String(value ?? '');
  if (!DOCUMENT_ID.test(id)) throw new errors.ValidationError(`Identifiant de ${what} invalide.`);
  return id;
}

/** A day that exists: `Date` rolls 2026-02-31 over to March 3rd, so the day must read back unchanged. */
const isRealDay = (value: string) => {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
};

const isoDate = (field: string) =>
  yup.string().matches(ISO_DATE, `${field} : une date au format AAAA-MM-JJ.`).test('real-date', `${field} : date inexistante.`, (v) => v == null || isRealDay(v));

const relationship = (field: string) => yup.string().oneOf([...RELATIONSHIPS], `${field} : une étape parmi ${RELATIONSHIPS.join(', ')}.`);

export const moveSchema = yup
  .object({
    to: relationship('to').required('to : indiquez l’étape de destination.'),
    from: relationship('from'),
    note: yup.string().trim().max(1000, 'note : 1000 caractères au plus.'),
    nextStep: yup.string().trim().max(200, 'nextStep : 200 caractères au plus.'),
    nextStepDue: isoDate('nextStepDue'),
    owner: yup.number().integer('owner : un identifiant de membre de l’équipe.').positive('owner : un identifiant de membre de l’équipe.'),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict()
  .test('due-with-step', 'nextStepDue : indiquez aussi la prochaine étape (nextStep).', (v) => !v || !v.nextStepDue || Boolean(v.nextStep));

export const conventionStateSchema = yup
  .object({
    to: yup.string().oneOf(['draft', 'sent', 'signed', 'expired', 'terminated'], 'to : draft, sent, signed, expired ou terminated (le renouvellement passe par « renew »).').required('to : indiquez le nouveau statut.'),
    signedAt: isoDate('signedAt'),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict();

export const planSchema = yup
  .object({
    convention: yup.string().matches(DOCUMENT_ID, 'convention : identifiant de convention invalide.').required('convention : choisissez la convention de partenariat.'),
    plannedAt: yup
      .string()
      .required('plannedAt : indiquez la date et l’heure de la collecte.')
      .test('datetime', 'plannedAt : une date et heure ISO (ex. 2012-09-20T09:00).', (v) => v == null || (/^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)))),
    site: yup.string().trim().required('site : indiquez le lieu de la collecte.').max(200, 'site : 200 caractères au plus.'),
    contactName: yup.string().trim().max(120, 'contactName : 120 caractères au plus.'),
    contactPhone: yup.string().trim().max(30, 'contactPhone : 30 caractères au plus.'),
    expectedCount: yup.number().integer('expectedCount : un nombre entier.').min(0, 'expectedCount : 0 ou plus.').max(100000, 'expectedCount : 100 000 au plus.'),
    volunteers: yup.string().trim().max(300, 'volunteers : 300 caractères au plus.'),
    vehicle: yup.string().trim().max(120, 'vehicle : 120 caractères au plus.'),
    notes: yup.string().trim().max(2000, 'notes : 2000 caractères au plus.'),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict();

export const completeSchema = yup
  .object({
    collectedAt: isoDate('collectedAt'),
    count: yup.number().integer('count : un nombre entier.').min(0, 'count : 0 ou plus.').max(100000, 'count : 100 000 au plus.'),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict();

export const pickupRangeSchema = yup
  .object({
    from: isoDate('from'),
    to: isoDate('to'),
    state: yup.string().oneOf(['planned', 'done', 'cancelled'], 'state : planned, done ou cancelled.'),
  })
  .noUnknown(true, 'Paramètre inconnu : ${unknown}.')
  .strict();

export const donorDocumentSchema = yup
  .object({
    kind: yup.string().oneOf(['label-certificate', 'thank-you-letter'], 'kind : label-certificate ou thank-you-letter.').required('kind : indiquez le document.'),
    year: yup.number().integer('year : une année.').min(2000, 'year : une année entre 2000 et 2100.').max(2100, 'year : une année entre 2000 et 2100.'),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict();

export const emptySchema = yup.object({}).noUnknown(true, 'Champ inconnu : ${unknown}.').strict();
