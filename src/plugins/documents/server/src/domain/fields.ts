import type { TemplateKind } from './kinds';

/**
 * The merge fields a template of each kind can read, with the French label staff see in the
 * editor (« Champs disponibles »). One source: the server's data context picks a record's columns
 * from these lists (services/context.ts), and the template editor offers them as chips.
 * A field is a Handlebars path (`{{donor.name}}`); lists (`{{#each machines}}`) are not offered.
 */
export type FieldLabels = Readonly<Record<string, string>>;

/** `{ name: 'Nom' }` under `donor` → `{ 'donor.name': 'Nom' }`. */
const under = (prefix: string, fields: FieldLabels): FieldLabels =>
  Object.fromEntries(Object.entries(fields).map(([key, label]) => [`${prefix}.${key}`, label]));

/** The columns a context picks from a record of this kind. */
export const columns = (fields: FieldLabels): string[] => Object.keys(fields);

export const MACHINE_FIELDS: FieldLabels = {
  labelCode: 'Code étiquette',
  assetTag: "N° d'inventaire du donateur",
  serialNumber: 'N° de série',
  type: "Type d'appareil",
  brand: 'Marque',
  model: 'Modèle',
  cpu: 'Processeur',
  ramGb: 'Mémoire (Go)',
  osInstalled: 'Système installé',
  conditionGrade: 'État',
};

export const DONOR_FIELDS: FieldLabels = {
  name: 'Nom du donateur',
  kind: 'Type de donateur',
  siret: 'SIRET du donateur',
  address: 'Adresse du donateur',
  postalCode: 'Code postal du donateur',
  commune: 'Commune du donateur',
};

export const DONATION_FIELDS: FieldLabels = {
  reference: 'Référence du lot',
  collectedAt: 'Date de collecte',
  announcedCount: "Nombre d'unités annoncé",
  collectionSite: 'Lieu de collecte',
};

export const CONVENTION_FIELDS: FieldLabels = {
  number: 'N° de convention',
  kind: 'Type de convention',
  state: 'Statut de la convention',
  signedAt: 'Signée le',
  startDate: 'Début de la convention',
  endDate: 'Fin de la convention',
};

export const PRESCRIBER_FIELDS: FieldLabels = {
  name: 'Nom du prescripteur',
  kind: 'Type de prescripteur',
  address: 'Adresse du prescripteur',
  postalCode: 'Code postal du prescripteur',
  commune: 'Commune du prescripteur',
};

export const PRESCRIPTION_FIELDS: FieldLabels = {
  number: 'N° de prescription',
  reason: 'Motif',
  receivedAt: 'Reçue le',
  decidedAt: 'Décidée le',
  handedOverAt: 'Remise le',
};

export const HOUSEHOLD_FIELDS: FieldLabels = {
  referenceName: 'Nom du foyer',
  commune: 'Commune du foyer',
  childrenInCollege: 'Enfants au collège',
  phone: 'Téléphone du foyer',
  consentDate: 'Date du consentement',
};

/** The identity of the workshop issuing the document (its record's workshop) and the document's own number and date, in every template. */
export const COMMON_FIELDS: FieldLabels = {
  'workshop.name': "Nom de l'atelier",
  'workshop.legalForm': "Forme juridique de l'atelier",
  'workshop.address': "Adresse de l'atelier",
  'workshop.postalCode': "Code postal de l'atelier",
  'workshop.commune': "Commune de l'atelier",
  'workshop.siret': "SIRET de l'atelier",
  'workshop.email': "E-mail de l'atelier",
  'workshop.phone': "Téléphone de l'atelier",
  'workshop.signatoryName': 'Signataire',
  'workshop.signatoryRole': 'Fonction du signataire',
  'workshop.code': "Code de l'atelier dans le réseau",
  'document.number': 'N° du document',
  'document.issuedAt': "Date d'émission",
  'document.kindLabel': 'Nature du document',
  'document.verifyUrl': 'Adresse de vérification',
};

const CONTACT = { name: 'Nom du contact', role: 'Fonction du contact' };

const ERASURE: FieldLabels = { ...under('machine', MACHINE_FIELDS), ...under('donor', DONOR_FIELDS), 'donation.reference': 'Référence du lot', 'donation.collectedAt': 'Date de collecte' };
const PRESCRIPTION: FieldLabels = {
  ...under('prescription', PRESCRIPTION_FIELDS),
  'prescriber.name': 'Nom du prescripteur',
  'prescriber.kind': 'Type de prescripteur',
  'prescriber.commune': 'Commune du prescripteur',
  'prescriber.contact.name': 'Nom du contact du prescripteur',
  'prescriber.contact.phone': 'Téléphone du contact du prescripteur',
  ...under('household', HOUSEHOLD_FIELDS),
};
const DONOR_LETTER: FieldLabels = { 'donor.name': 'Nom du donateur', 'donor.commune': 'Commune du donateur' };

/** What each kind's templates can read, besides COMMON_FIELDS. */
export const KIND_FIELDS: Record<TemplateKind, FieldLabels> = {
  'erasure-certificate': ERASURE,
  'donation-erasure-certificate': { ...under('donation', { reference: 'Référence du lot', collectedAt: 'Date de collecte', announcedCount: "Nombre d'unités annoncé" }), ...under('donor', DONOR_FIELDS), count: "Nombre d'unités" },
  'partnership-convention': {
    ...under('convention', CONVENTION_FIELDS),
    'convention.terms.unitsExpected': "Nombre d'unités prévu",
    'convention.terms.declaredUnitValue': 'Valeur unitaire déclarée',
    'convention.terms.pickupArrangements': "Modalités d'enlèvement",
    ...under('donor', DONOR_FIELDS),
    'donor.contact.name': 'Nom du contact du donateur',
    'donor.contact.role': 'Fonction du contact du donateur',
  },
  'membership-convention': {
    ...under('convention', CONVENTION_FIELDS),
    ...under('prescriber', PRESCRIBER_FIELDS),
    'prescriber.contact.name': 'Nom du contact du prescripteur',
    'prescriber.contact.role': 'Fonction du contact du prescripteur',
  },
  'prescription-form': PRESCRIPTION,
  'handover-receipt': PRESCRIPTION,
  'traceability-report': {
    ...under('donation', DONATION_FIELDS),
    ...under('donor', DONOR_FIELDS),
    'convention.number': 'N° de convention',
    'erasure.devices': 'Supports de stockage',
    'erasure.erased': 'Supports effacés ou détruits',
  },
  'label-sheet': { 'donation.reference': 'Référence du lot' },
  'label-certificate': { ...DONOR_LETTER, 'label.dateText': 'Date du label', 'label.event': 'Événement du label', 'totals.donations': 'Nombre de dons', 'totals.received': 'Unités reçues' },
  'thank-you-letter': {
    ...DONOR_LETTER,
    'impact.year': 'Année',
    'impact.donations': 'Nombre de dons',
    'impact.received': 'Unités reçues',
    'impact.handedOver': 'Unités remises',
    'impact.households': 'Foyers équipés',
    'impact.erasures': 'Effacements certifiés',
  },
  // Read inside {{#each letters}}: one letter per structure.
  'outreach-letters': { subject: 'Objet', today: 'Date du jour', ...under('structure', { name: 'Nom de la structure', address: 'Adresse', postalCode: 'Code postal', commune: 'Commune' }), ...under('contact', CONTACT) },
  // Units, parts and steps are lists ({{#each machines}}, {{#each parts}}, {{#each steps}}).
  'transfer-slip': {
    'transfer.number': 'N° du transfert',
    'transfer.stateLabel': 'État du transfert',
    'transfer.proposedAt': 'Proposé le',
    'transfer.acceptedAt': 'Accepté le',
    'transfer.shippedAt': 'Expédié le',
    'transfer.receivedAt': 'Reçu le',
    'transfer.notes': 'Notes du transfert',
    ...under('from', { name: "Nom de l'atelier expéditeur", address: "Adresse de l'atelier expéditeur", postalCode: "Code postal de l'atelier expéditeur", commune: "Commune de l'atelier expéditeur" }),
    ...under('to', { name: "Nom de l'atelier destinataire", address: "Adresse de l'atelier destinataire", postalCode: "Code postal de l'atelier destinataire", commune: "Commune de l'atelier destinataire" }),
    'totals.machines': "Nombre d'unités",
    'totals.certified': "Unités à l'effacement certifié",
    'totals.partLines': 'Lignes de pièces',
    'totals.parts': 'Nombre de pièces',
  },
  bilan: { 'bilan.params.from': 'Début de la période', 'bilan.params.to': 'Fin de la période', 'bilan.params.territoryLabel': 'Territoire', 'bilan.programme.name': 'Programme', 'bilan.programme.funder': 'Financeur' },
};

/** The chips of a kind: its own fields first, then the workshop's and the document's. */
export const fieldsOf = (kind: TemplateKind): FieldLabels => ({ ...KIND_FIELDS[kind], ...COMMON_FIELDS });
