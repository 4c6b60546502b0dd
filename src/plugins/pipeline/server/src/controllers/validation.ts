import { errors, yup } from '@strapi/utils';
import { RECORDABLE_ERASURE_METHODS, REMOVAL_DESTINATIONS, STORAGE_INTERFACES } from '../../../../../shared/erasure';
import { QUALIFICATION_EXEMPTIONS } from '../../../../../shared/skills';

const KEY = /^[a-z][a-z0-9_]*$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;

export const documentId = yup.string().matches(DOCUMENT_ID, 'identifiant de fiche invalide');

const isoDate = yup
  .string()
  .nullable()
  .test('iso-date', 'date attendue au format ISO 8601 (2012-03-01T09:00:00Z)', (v) => v == null || (/^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v))));

/** A staff search among ready units (label code, brand, model…). */
export const searchSchema = yup
  .string()
  .required()
  .typeError('q : texte attendu (code d’étiquette, marque, modèle, type…).')
  .max(80, 'q : 80 caractères au plus.');

/** Signing a volunteer in or out at the station. */
export const presenceSchema = yup
  .object({
    volunteer: yup
      .string()
      .typeError('volunteer : identifiant du bénévole attendu.')
      .required('volunteer : le bénévole qui arrive ou qui part est obligatoire.')
      .matches(DOCUMENT_ID, 'volunteer : identifiant de bénévole invalide.'),
  })
  .noUnknown(true, 'champ inconnu : seul « volunteer » est attendu.')
  .strict();

export const moveSchema = yup
  .object({
    to: yup.string().required('étape de destination obligatoire').matches(KEY, 'étape invalide'),
    from: yup.string().matches(KEY, 'étape invalide'),
    machine: documentId,
    note: yup.string().max(1000),
  })
  .noUnknown()
  .strict();

export const bulkMoveSchema = yup
  .object({
    workflow: yup.string().oneOf(['machines', 'prescriptions']).required(),
    documentIds: yup.array(documentId.required()).min(1).max(500).required(),
    to: yup.string().required().matches(KEY, 'étape invalide'),
  })
  .noUnknown()
  .strict();

export const erasureSchema = yup
  .object({
    // The device's identity; its serial is accepted when one device of the unit has it.
    deviceDocumentId: documentId,
    deviceSerial: yup.string().trim().min(1, 'n° de série du support vide').max(80),
    method: yup
      .string()
      .notOneOf(['removed'], "un support retiré s'enregistre comme retrait (POST …/machines/:documentId/devices/:deviceDocumentId/removal : pourquoi, où), pas comme effacement")
      .oneOf(RECORDABLE_ERASURE_METHODS, 'méthode inconnue')
      .required('méthode obligatoire'),
    passes: yup.number().integer().min(0).max(100).nullable(),
    tool: yup.string().max(60).nullable(),
    toolVersion: yup.string().max(40).nullable(),
    startedAt: isoDate,
    endedAt: isoDate,
    result: yup.string().oneOf(['success', 'failure'], 'résultat : success ou failure').required('résultat obligatoire'),
    operator: yup.string().max(120).nullable(),
    notes: yup.string().max(2000).nullable(),
  })
  .test('device', 'support obligatoire : deviceDocumentId (ou deviceSerial)', (v) => Boolean(v?.deviceDocumentId || v?.deviceSerial))
  .noUnknown()
  .strict();

export const removalSchema = yup
  .object({
    reason: yup.string().trim().required('motif du retrait obligatoire').min(3, 'motif du retrait trop court').max(1000),
    destination: yup.string().oneOf(REMOVAL_DESTINATIONS, `destination : ${REMOVAL_DESTINATIONS.join(', ')}`).required('destination du support obligatoire'),
    removedAt: isoDate,
  })
  .noUnknown()
  .strict();

export const attestationSchema = yup
  .object({ note: yup.string().max(1000).nullable() })
  .noUnknown()
  .strict();

export const newDeviceSchema = yup
  .object({
    serial: yup.string().trim().max(80).nullable(),
    model: yup.string().trim().max(80).nullable(),
    interface: yup.string().oneOf([...STORAGE_INTERFACES], `interface : ${STORAGE_INTERFACES.join(', ')}`).required('interface obligatoire'),
    capacityGb: yup.number().integer().min(0).max(100000).nullable(),
  })
  .noUnknown()
  .strict();

export const nwipeSchema = yup
  .object({
    log: yup.string().required('journal obligatoire (champ « log » : le texte du journal nwipe)').max(2_000_000, 'journal trop long (2 Mo au plus)'),
    machine: documentId,
  })
  .noUnknown()
  .strict();

export const checklistSchema = yup
  .object({
    stage: yup.string().required().matches(KEY),
    items: yup.object().required(),
    notes: yup.string().max(2000),
  })
  .noUnknown()
  .strict();

export const fitPartSchema = yup
  .object({
    part: documentId.required('pièce obligatoire'),
    quantity: yup.number().integer().min(1).max(50).default(1),
  })
  .noUnknown()
  .strict();

const checklistItem = yup.object({ key: yup.string().required().matches(KEY), label: yup.string().required().max(120), required: yup.boolean().required() }).noUnknown();

export const workflowSchema = yup
  .object({
    name: yup.string().required().max(120),
    stages: yup
      .array(
        yup
          .object({
            key: yup.string().required().matches(KEY, 'clé d’étape : minuscules, chiffres et _'),
            label: yup.string().trim().required('nom d’étape obligatoire').max(80),
            color: yup.string().required().matches(COLOR, 'couleur : #rrggbb'),
            terminal: yup.boolean().required(),
            checklist: yup.array(checklistItem).max(30).default([]),
            enterRoles: yup.array(yup.string().max(80)).max(20).default([]),
            // Absent: the stage keeps the skill it has (a page that does not show it saves it unchanged).
            requiredSkill: yup.string().matches(KEY, 'compétence : une clé du catalogue (minuscules, chiffres et _)').max(40).nullable(),
          })
          .noUnknown()
      )
      .min(2)
      .max(40)
      .required(),
    transitions: yup
      .array(
        yup
          .object({
            from: yup.string().required(),
            to: yup.string().required(),
            actions: yup.array(yup.object({ type: yup.string().required().max(60), options: yup.object().default({}) }).noUnknown()).max(10).default([]),
          })
          .noUnknown()
      )
      .max(400)
      .required(),
    /** Qualified actions (docs/volunteers.md); absent: unchanged. */
    qualifications: yup
      .object({
        erasure: yup.string().matches(KEY, 'compétence : une clé du catalogue (minuscules, chiffres et _)').max(40).nullable().defined('qualifications.erasure : une clé de compétence, ou null'),
        exempt: yup
          .array(yup.string().oneOf(Object.keys(QUALIFICATION_EXEMPTIONS), `dispense : ${Object.keys(QUALIFICATION_EXEMPTIONS).join(', ')}`).required())
          .max(10)
          .required('qualifications.exempt : la liste des dispensés (vide : personne)'),
      })
      .noUnknown()
      .default(undefined),
    /** Where the records of a removed stage go: { removedKey: targetKey }. */
    moveRecords: yup.object().default({}),
  })
  .noUnknown();

/** Validates with yup and throws Strapi's ValidationError naming each field, in French. */
export async function validate<S extends yup.AnySchema>(schema: S, body: unknown): Promise<yup.InferType<S>> {
  try {
    return await schema.validate(body, { abortEarly: false, stripUnknown: false });
  } catch (error) {
    const e = error as { inner?: Array<{ path?: string; message: string }>; message: string };
    const inner = e.inner?.length ? e.inner : [{ path: undefined, message: e.message }];
    throw new errors.ValidationError(inner.map((i) => (i.path ? `${i.path} : ${i.message}` : i.message)).join(' ; '), {
      errors: inner.map((i) => ({ path: i.path ? i.path.split('.') : [], message: i.message, name: 'ValidationError', value: null })),
    });
  }
}

/** Who is at the bench: a scanned badge, or a volunteer picked by name and their PIN (docs/volunteers.md). */
export const operatorSchema = yup
  .object({
    badge: yup.string().typeError('badge : texte attendu (le code scanné).').max(40, 'badge : 40 caractères au plus.'),
    volunteer: documentId.typeError('volunteer : identifiant de fiche attendu.'),
    pin: yup.string().typeError('pin : texte attendu (4 à 6 chiffres).').max(12, 'pin : 12 caractères au plus.'),
  })
  .noUnknown(true, 'champ inconnu : seuls badge, ou volunteer et pin, sont attendus.')
  .strict()
  .test('one-way', 'Scannez un badge (badge), ou choisissez un nom et tapez son code PIN (volunteer et pin).', (v) =>
    v.badge !== undefined ? v.volunteer === undefined && v.pin === undefined : v.volunteer !== undefined && v.pin !== undefined
  );
