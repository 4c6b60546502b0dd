import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { COMPONENT_LABELS, TYPE_LABELS, type TypeLabels } from '../shared/labels';

interface ViewSpec {
  list?: string[];
  mainField?: string;
  sort?: [string, 'ASC' | 'DESC'];
  /** Fields the app fills itself: shown, never typed. */
  readOnly?: string[];
  /** Fields kept out of the edit form: a side panel shows them in words (a stage's name, not its key). */
  hidden?: string[];
  hints?: Record<string, string>;
}

/** Columns and main fields staff see first; labels come from shared/labels.ts. */
export const VIEWS: Record<string, ViewSpec> = {
  'api::workshop.workshop': {
    list: ['name', 'commune', 'isDefault'],
    mainField: 'name',
    sort: ['name', 'ASC'],
    hints: {
      coordinatorsEmail:
        'Adresses séparées par des virgules, sur l’atelier par défaut : alertes de stock, prescriptions et dons reçus, rappels. Vide : la variable COORDINATORS_EMAIL du serveur.',
    },
  },
  'api::donor.donor': {
    list: ['name', 'kind', 'relationship', 'commune', 'ordiLabelDate'],
    mainField: 'name',
    sort: ['name', 'ASC'],
    hints: {
      siret: '14 chiffres, sans espaces ; la clé de contrôle est vérifiée.',
      publicListingConsent: 'Le donateur accepte de figurer, avec son logo, sur la page Partenaires du site.',
    },
  },
  'api::convention.convention': {
    list: ['number', 'kind', 'donor', 'prescriber', 'state', 'endDate'],
    mainField: 'number',
    sort: ['number', 'DESC'],
    readOnly: ['number', 'state'],
    hints: {
      number: 'Attribué automatiquement à la création (CP-année-n° ou CA-année-n°).',
      state: 'Change par le panneau « Cycle de vie » (Envoyer, Marquer signée, Résilier, Renouveler), jamais à la main.',
    },
  },
  'api::donation.donation': {
    list: ['reference', 'donor', 'collectedAt', 'announcedCount', 'machines'],
    mainField: 'reference',
    sort: ['collectedAt', 'DESC'],
    readOnly: ['reference'],
    hints: { reference: 'Attribuée automatiquement à la création.', announcedCount: 'Le nombre reçu se compte dans « Machines reçues ».' },
  },
  'api::machine.machine': {
    list: ['labelCode', 'type', 'brand', 'model', 'donor', 'conditionGrade', 'pipelineStage'],
    mainField: 'labelCode',
    sort: ['labelCode', 'ASC'],
    readOnly: ['donor', 'pipelineStage', 'prescription'],
    hidden: ['pipelineStage'],
    hints: {
      labelCode: 'Laisser vide : le code est attribué à l’enregistrement.',
      donor: 'Déduit du lot.',
      pipelineStage: 'Change par la chaîne de reconditionnement (poste, tableau), jamais à la main.',
      storageDevices: 'Disques, SSD, cartes : chacun a sa fiche. Après la Réception, un support ne se retire qu’avec « Retirer ce support » (panneau Supports de stockage).',
      type: 'Seuls les écrans sont dispensés de preuve d’effacement ; après la Réception, le type ne passe plus d’un écran à un ordinateur ni l’inverse.',
      prescription: 'Lié par la réservation depuis la prescription (« Machine réservée »), jamais à la main.',
    },
  },
  'api::storage-device.storage-device': {
    list: ['serial', 'machine', 'interface', 'capacityGb', 'state'],
    mainField: 'serial',
    sort: ['id', 'DESC'],
    readOnly: ['state', 'removedAt', 'removedBy', 'removalReason', 'removalDestination'],
    hints: {
      serial: 'Après la Réception de l’unité, ne change plus : un autre disque s’enregistre comme un nouveau support.',
      machine: 'Après la Réception, un support ne se détache plus de son unité : on enregistre son retrait.',
      state: 'Tenu par la chaîne : « Retirer ce support » depuis la fiche de la machine ou le poste de travail.',
    },
  },
  'api::part.part': { list: ['category', 'description', 'quantityOnHand', 'lowStockThreshold'], mainField: 'description', sort: ['category', 'ASC'] },
  'api::prescriber.prescriber': { list: ['name', 'kind', 'commune'], mainField: 'name', sort: ['name', 'ASC'] },
  'api::prescription.prescription': {
    list: ['number', 'prescriber', 'receivedAt', 'decidedAt', 'handedOverAt', 'pipelineStage'],
    mainField: 'number',
    sort: ['receivedAt', 'DESC'],
    readOnly: ['number', 'pipelineStage', 'machines'],
    hidden: ['pipelineStage'],
    hints: {
      number: 'Attribué automatiquement à la création.',
      pipelineStage: 'Change par le suivi des prescriptions, jamais à la main.',
      machines: 'Réservée depuis le panneau « Machines proposées » (« Machine réservée »), jamais à la main.',
    },
  },
  'api::household.household': {
    list: ['referenceName', 'commune', 'childrenInCollege'],
    mainField: 'referenceName',
    sort: ['referenceName', 'ASC'],
    readOnly: ['anonymisedAt'],
    hints: {
      referenceName: 'Données personnelles : le strict nécessaire (ex. « Foyer M. »).',
      anonymisedAt: 'Rempli par l’anonymisation (conservation échue ou demande d’effacement), jamais à la main.',
    },
  },
  'plugin::site.page': {
    list: ['title', 'slug', 'order', 'published'],
    mainField: 'title',
    sort: ['order', 'ASC'],
    hints: { body: 'Markdown : ## Titre, - liste, **gras**, [lien](https://…). Le HTML est affiché tel quel, jamais interprété.', slug: 'Ne pas changer pour les huit pages du site : leur adresse en dépend.' },
  },
  'api::funder-programme.funder-programme': { list: ['name', 'funder', 'periodStart', 'periodEnd', 'territory'], mainField: 'name', sort: ['periodStart', 'DESC'] },
  'api::weee-shipment.weee-shipment': { list: ['shippedAt', 'recycler', 'trackingReference', 'machines'], mainField: 'trackingReference', sort: ['shippedAt', 'DESC'] },
  'api::volunteer.volunteer': {
    list: ['name', 'startDate', 'endDate', 'availability'],
    mainField: 'name',
    sort: ['name', 'ASC'],
    hints: {
      name: 'Données personnelles : le strict nécessaire (docs/privacy.md).',
      adminUser: 'Le compte avec lequel ce bénévole se connecte : ses compétences valent pour les actions faites avec ce compte.',
      endDate: 'Après le départ, ses compétences ne comptent plus.',
    },
  },
  'api::skill.skill': {
    list: ['name', 'key', 'validityMonths'],
    mainField: 'name',
    sort: ['name', 'ASC'],
    hints: {
      key: 'Nommée dans les réglages de la chaîne (effacement certifié : « erasure ») : ne pas la changer si une étape ou une action l’exige.',
      validityMonths: 'Vide : la compétence ne s’éteint pas. Sinon, chaque compétence acquise vaut ce nombre de mois.',
    },
  },
  'api::training.training': {
    list: ['date', 'trainer', 'attendees', 'skills'],
    mainField: 'trainer',
    sort: ['date', 'DESC'],
    readOnly: ['grants'],
    hints: { skills: 'À l’enregistrement, chaque participant reçoit chacune de ces compétences, datée du jour de la formation.' },
  },
  'api::skill-grant.skill-grant': {
    list: ['volunteer', 'skill', 'grantedOn', 'expiresOn', 'training'],
    mainField: 'grantedOn',
    sort: ['grantedOn', 'DESC'],
    readOnly: ['training'],
    hints: {
      grantedOn: 'Vide : aujourd’hui.',
      expiresOn: 'Dernier jour de validité ; vide : calculé d’après la validité de la compétence.',
      grantedBy: 'Rempli à l’enregistrement : la formation, ou la personne qui l’accorde à la main.',
    },
  },
  'api::interaction.interaction': {
    list: ['date', 'kind', 'donor', 'prescriber', 'nextStep', 'nextStepDue'],
    mainField: 'summary',
    sort: ['date', 'DESC'],
  },
  'api::pickup.pickup': {
    list: ['plannedAt', 'donor', 'site', 'expectedCount', 'state', 'donation'],
    mainField: 'site',
    sort: ['plannedAt', 'DESC'],
    readOnly: ['donor', 'donation', 'state'],
    hints: {
      donor: 'Celui de la convention.',
      donation: 'Créé quand la collecte est faite (Relations › Collectes).',
      state: 'Change par « Collecte faite » ou « Annuler » (Relations › Collectes), jamais à la main.',
    },
  },
};

const COMPONENT_MAIN_FIELDS: Record<string, string> = {
  'shared.contact': 'name',
  'prescription.follow-up': 'note',
};

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts: { list: string[]; edit: unknown };
}

interface ConfigService {
  findConfiguration(model: unknown): Promise<Configuration>;
  updateConfiguration(model: unknown, config: Configuration): Promise<unknown>;
}

type EditLayout = Array<Array<{ name: string; size: number }>>;

/** The edit form's rows without `hidden` fields (rows left empty are dropped). */
function withoutFields(edit: unknown, hidden: string[]): unknown {
  if (hidden.length === 0 || !Array.isArray(edit)) return edit;
  return (edit as EditLayout).map((row) => row.filter((cell) => !hidden.includes(cell.name))).filter((row) => row.length > 0);
}

function patchConfiguration(current: Configuration, labels: TypeLabels, spec: ViewSpec): Configuration {
  const metadatas = { ...current.metadatas };
  for (const [field, label] of Object.entries(labels.fields)) {
    const meta = current.metadatas[field] ?? {};
    metadatas[field] = {
      edit: {
        ...meta.edit,
        label: label.fr,
        ...(spec.hints?.[field] ? { description: spec.hints[field] } : {}),
        ...(spec.readOnly?.includes(field) ? { editable: false } : {}),
      },
      list: { ...meta.list, label: label.fr },
    };
  }
  return {
    settings: {
      ...current.settings,
      ...(spec.mainField ? { mainField: spec.mainField } : {}),
      ...(spec.sort ? { defaultSortBy: spec.sort[0], defaultSortOrder: spec.sort[1] } : {}),
      pageSize: 20,
    },
    metadatas,
    layouts: { list: spec.list ?? current.layouts.list, edit: withoutFields(current.layouts.edit, spec.hidden ?? []) },
  };
}

const VERSION_KEY = { type: 'plugin' as const, name: 'seconde-vie', key: 'content-manager-views' };

/**
 * Sets the content-manager list and edit views (columns, French labels, main fields). Runs at
 * every boot but writes only when this file's definitions changed since the last write, so a
 * view staff rearranged by hand stays as they left it until the project ships new defaults.
 */
export async function configureContentManagerViews(strapi: Core.Strapi): Promise<void> {
  const version = crypto
    .createHash('sha256')
    .update(JSON.stringify([VIEWS, TYPE_LABELS, COMPONENT_LABELS, COMPONENT_MAIN_FIELDS]))
    .digest('hex');
  if ((await strapi.store.get(VERSION_KEY)) === version) return;

  const contentTypes = strapi.plugin('content-manager').service('content-types') as ConfigService & {
    findContentType(uid: string): unknown;
  };
  const components = strapi.plugin('content-manager').service('components') as ConfigService & {
    findComponent(uid: string): unknown;
  };
  for (const [uid, labels] of Object.entries(TYPE_LABELS)) {
    const model = contentTypes.findContentType(uid);
    const current = await contentTypes.findConfiguration(model);
    await contentTypes.updateConfiguration(model, patchConfiguration(current, labels, VIEWS[uid] ?? {}));
  }
  for (const [uid, labels] of Object.entries(COMPONENT_LABELS)) {
    const model = components.findComponent(uid);
    const current = await components.findConfiguration(model);
    await components.updateConfiguration(model, patchConfiguration(current, labels, { mainField: COMPONENT_MAIN_FIELDS[uid] }));
  }
  await strapi.store.set({ ...VERSION_KEY, value: version });
}
