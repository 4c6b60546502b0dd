import { validateYupSchema, yup } from '@strapi/utils';
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

export const validateNumberParam = validateYupSchema(
  yup.object({ number: yup.string().max(40).required() }).noUnknown(true, unknown),
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
