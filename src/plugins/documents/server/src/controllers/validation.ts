import { errors, validateYupSchema, yup } from '@strapi/utils';
import { isAddress, MAX_RECIPIENTS, splitAddresses } from '../domain/mail';
import { MESSAGES } from '../domain/messages';
import { TEMPLATE_KINDS } from '../domain/kinds';

const documentId = yup.string().matches(/^[a-z0-9]{10,40}$/, 'Identifiant de fiche invalide.');
const kind = yup.string().oneOf([...TEMPLATE_KINDS], 'Type de document inconnu.');
const unknown = 'Champ non autorisé : ${unknown}.';
const options = { strict: true, abortEarly: false };

export const validatePreview = validateYupSchema(
  yup.object({
    kind: kind.required('Le type de document est obligatoire.'),
    documentId: documentId.optional(),
    templateId: documentId.optional(),
    html: yup.string().max(200000, 'Le modèle est trop long.').optional(),
    css: yup.string().max(200000, 'La feuille de style est trop longue.').optional(),
    format: yup.string().oneOf(['html', 'pdf', 'json'], 'Format attendu : html, pdf ou json.').optional(),
  }).noUnknown(true, unknown),
  options
);

export const validateGenerate = validateYupSchema(
  yup.object({
    kind: kind.required('Le type de document est obligatoire.'),
    documentId: documentId.required('La fiche est obligatoire.'),
    templateId: documentId.optional(),
  }).noUnknown(true, unknown),
  options
);

export const validateListQuery = validateYupSchema(
  yup.object({
    targetUid: yup.string().matches(/^api::[a-z-]+\.[a-z-]+$/, 'Type de fiche invalide.').required('Le type de fiche est obligatoire.'),
    targetDocumentId: documentId.required('La fiche est obligatoire.'),
  }).noUnknown(true, unknown),
  options
);

export const validateDocumentIdParam = validateYupSchema(
  yup.object({ documentId: documentId.required() }).noUnknown(true, unknown),
  options
);

export const validateTemplateUpdate = validateYupSchema(
  yup.object({
    name: yup.string().min(1).max(160, 'Nom trop long.').optional(),
    html: yup.string().min(1, 'Le modèle ne peut pas être vide.').max(200000, 'Le modèle est trop long.').optional(),
    css: yup.string().max(200000, 'La feuille de style est trop longue.').optional(),
  }).noUnknown(true, unknown),
  options
);

export const validateRecordsQuery = validateYupSchema(
  yup.object({ kind: kind.required('Le type de document est obligatoire.') }).noUnknown(true, unknown),
  options
);

/** POST /documents/generated/:documentId/send: `to` a list or a comma-separated string. */
export const validateSend = validateYupSchema(
  yup.object({
    to: yup.mixed<string | string[]>()
      .test('type', 'Les destinataires sont une liste d’adresses e-mail.', (v) => v === undefined || typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')))
      .required(MESSAGES.recipientsMissing),
    message: yup.string().max(2000, MESSAGES.messageTooLong).nullable().optional(),
  }).noUnknown(true, unknown),
  options
);

/** The recipients of a send, checked one by one so the message names the wrong address. */
export function checkRecipients(to: string | string[]): string[] {
  const list = splitAddresses(to);
  if (list.length === 0) throw new errors.ValidationError(MESSAGES.recipientsMissing, { errors: [{ path: ['to'], message: MESSAGES.recipientsMissing, name: 'ValidationError', value: null }] });
  if (list.length > MAX_RECIPIENTS) throw new errors.ValidationError(MESSAGES.recipientsTooMany(MAX_RECIPIENTS));
  const bad = list.find((a) => !isAddress(a));
  if (bad) throw new errors.ValidationError(MESSAGES.recipientInvalid(bad), { errors: [{ path: ['to'], message: MESSAGES.recipientInvalid(bad), name: 'ValidationError', value: null }] });
  return list;
}

export const validateBatchStart = validateYupSchema(
  yup.object({ donation: documentId.required('Le don est obligatoire.') }).noUnknown(true, unknown),
  options
);

export const validateBatchId = validateYupSchema(
  yup.object({ id: yup.string().uuid('Identifiant de génération invalide.').required() }).noUnknown(true, unknown),
  options
);
