/**
 * What staff read in the admin, in French and English, for every business type, field and
 * enumeration value. One source for the server (content-manager view labels) and the admin
 * (translations).
 */
export interface Label {
  fr: string;
  en: string;
}

export interface TypeLabels {
  displayName: Label;
  fields: Record<string, Label>;
}

const l = (fr: string, en: string): Label => ({ fr, en });

const contacts = l('Contacts', 'Contacts');
const address = l('Adresse', 'Address');
const postalCode = l('Code postal', 'Postcode');
const commune = l('Commune', 'Town');
const workshop = l('Atelier', 'Workshop');
const notes = l('Notes', 'Notes');

export const TYPE_LABELS: Record<string, TypeLabels> = {
  'api::workshop.workshop': {
    displayName: l('Atelier', 'Workshop'),
    fields: {
      name: l('Nom', 'Name'), address, postalCode, commune,
      isDefault: l('Atelier par défaut', 'Default workshop'),
      coordinatorsEmail: l('E-mails des coordinateurs', 'Coordinators’ e-mails'),
      donations: l('Lots', 'Donations'), machines: l('Machines', 'Machines'),
      parts: l('Stock de pièces', 'Parts stock'), prescriptions: l('Prescriptions', 'Prescriptions'),
    },
  },
  'api::donor.donor': {
    displayName: l('Donateur', 'Donor'),
    fields: {
      name: l('Nom', 'Name'), kind: l('Type de structure', 'Kind'), siret: l('SIRET', 'SIRET'),
      address, postalCode, commune, contacts,
      relationship: l('Étape de la relation', 'Relationship step'),
      ordiLabelDate: l('Labellisé Ordi 2.0 le', 'Ordi 2.0 label date'),
      ordiLabelEvent: l('Labellisé lors de', 'Labelled at (event)'),
      publicListingConsent: l('Affiché en partenaire', 'Listed as partner'),
      logo: l('Logo (page Partenaires)', 'Logo (partners page)'),
      notes, conventions: l('Conventions', 'Conventions'), donations: l('Lots donnés', 'Donations'),
      machines: l('Machines données', 'Machines'), interactions: l('Interactions', 'Interactions'),
    },
  },
  'api::convention.convention': {
    displayName: l('Convention', 'Convention'),
    fields: {
      number: l('Numéro', 'Number'), kind: l('Type de convention', 'Kind'),
      donor: l('Donateur', 'Donor'), prescriber: l('Prescripteur', 'Prescriber'),
      state: l('Statut', 'Status'), signedAt: l('Signée le', 'Signed on'),
      startDate: l('Début', 'Start date'), endDate: l('Fin', 'End date'),
      terms: l('Conditions', 'Terms'), signedScan: l('Convention signée (scan)', 'Signed scan'),
      donations: l('Lots', 'Donations'),
      expiryAlertedAt: l('Échéance signalée le', 'Expiry alert sent on'),
      renewalOf: l('Renouvelle la convention', 'Renews'), renewedBy: l('Renouvelée par', 'Renewed by'),
    },
  },
  'api::donation.donation': {
    displayName: l('Don (lot)', 'Donation (batch)'),
    fields: {
      reference: l('Référence', 'Reference'), donor: l('Donateur', 'Donor'),
      convention: l('Convention', 'Convention'), workshop,
      announcedCount: l('Nombre annoncé', 'Announced count'),
      collectedAt: l('Collecté le', 'Collected on'), collectionSite: l('Lieu de collecte', 'Collection site'),
      notes, machines: l('Machines reçues', 'Machines received'),
    },
  },
  'api::machine.machine': {
    displayName: l('Machine', 'Machine'),
    fields: {
      labelCode: l('Étiquette', 'Label code'), assetTag: l("N° d'inventaire du donateur", 'Donor asset tag'),
      serialNumber: l('N° de série', 'Serial number'), type: l('Type', 'Type'),
      brand: l('Marque', 'Brand'), model: l('Modèle', 'Model'), cpu: l('Processeur', 'CPU'),
      ramGb: l('Mémoire vive (Go)', 'RAM (GB)'), storageDevices: l('Supports de stockage', 'Storage devices'),
      osInstalled: l('Système installé', 'OS installed'), conditionGrade: l('État', 'Condition grade'),
      donation: l('Lot', 'Donation'), donor: l('Donateur', 'Donor'), workshop,
      prescription: l('Prescription', 'Prescription'), notes,
      pipelineStage: l('Étape', 'Stage'),
    },
  },
  'api::storage-device.storage-device': {
    displayName: l('Support de stockage', 'Storage device'),
    fields: {
      machine: l('Machine', 'Machine'), serial: l('N° de série', 'Serial number'), model: l('Modèle', 'Model'),
      interface: l('Interface', 'Interface'), capacityGb: l('Capacité (Go)', 'Capacity (GB)'),
      state: l('État', 'State'), removedAt: l('Retiré le', 'Removed on'), removedBy: l('Retiré par', 'Removed by'),
      removalReason: l('Motif du retrait', 'Removal reason'), removalDestination: l('Destination après retrait', 'Destination after removal'),
    },
  },
  'api::part.part': {
    displayName: l('Pièce (stock)', 'Part (stock)'),
    fields: {
      category: l('Catégorie', 'Category'), description: l('Description', 'Description'),
      quantityOnHand: l('Quantité en stock', 'Quantity on hand'),
      lowStockThreshold: l("Seuil d'alerte", 'Low-stock threshold'), workshop,
    },
  },
  'api::prescriber.prescriber': {
    displayName: l('Prescripteur', 'Prescriber'),
    fields: {
      name: l('Nom', 'Name'), kind: l('Type de structure', 'Kind'), address, postalCode, commune, contacts,
      conventions: l('Conventions', 'Conventions'), prescriptions: l('Prescriptions', 'Prescriptions'),
      interactions: l('Interactions', 'Interactions'), households: l('Foyers orientés', 'Referred households'),
    },
  },
  'api::prescription.prescription': {
    displayName: l('Prescription', 'Prescription'),
    fields: {
      number: l('Numéro', 'Number'), prescriber: l('Prescripteur', 'Prescriber'),
      household: l('Foyer', 'Household'), workshop, needs: l('Besoins', 'Needs'),
      reason: l('Motif', 'Reason'), receivedAt: l('Reçue le', 'Received on'),
      decidedAt: l('Décidée le', 'Decided on'), handedOverAt: l('Remise le', 'Handed over on'),
      machines: l('Machines', 'Machines'), followUps: l('Suivi', 'Follow-up'),
      pipelineStage: l('Étape', 'Stage'),
    },
  },
  'api::household.household': {
    displayName: l('Foyer', 'Household'),
    fields: {
      referenceName: l('Nom de référence', 'Reference name'), commune,
      childrenInCollege: l('Enfants au collège', 'Children in collège'),
      phone: l('Téléphone', 'Phone'), consentDate: l('Consentement recueilli le', 'Consent date'),
      prescriptions: l('Prescriptions', 'Prescriptions'), prescriber: l('Prescripteur référent', 'Referring prescriber'),
      anonymisedAt: l('Anonymisé le', 'Anonymised on'),
    },
  },
  'api::interaction.interaction': {
    displayName: l('Interaction', 'Interaction'),
    fields: {
      date: l('Date', 'Date'), kind: l('Type', 'Kind'), summary: l('Résumé', 'Summary'),
      outcome: l('Résultat', 'Outcome'), nextStep: l('Prochaine étape', 'Next step'),
      nextStepDue: l('Prochaine étape pour le', 'Next step due'), author: l('Auteur', 'Author'),
      donor: l('Donateur', 'Donor'), prescriber: l('Prescripteur', 'Prescriber'),
      nextStepDoneAt: l('Prochaine étape faite le', 'Next step done on'), owner: l('Responsable de la prochaine étape', 'Next step owner'),
    },
  },
  'api::pickup.pickup': {
    displayName: l('Collecte', 'Pickup'),
    fields: {
      convention: l('Convention', 'Convention'), donor: l('Donateur', 'Donor'), plannedAt: l('Prévue le', 'Planned at'),
      site: l('Lieu', 'Site'), contactName: l('Contact sur place', 'On-site contact'), contactPhone: l('Téléphone du contact', 'Contact phone'),
      expectedCount: l('Unités attendues', 'Expected units'), volunteers: l('Bénévoles', 'Volunteers'), vehicle: l('Véhicule', 'Vehicle'),
      state: l('Statut', 'Status'), donation: l('Lot créé', 'Donation'), notes,
    },
  },
  'plugin::site.page': {
    displayName: l('Page du site public', 'Public site page'),
    fields: {
      slug: l('Adresse (slug)', 'Slug'), title: l('Titre', 'Title'), metaDescription: l('Description (moteurs de recherche)', 'Meta description'),
      navLabel: l('Libellé dans le menu', 'Menu label'), body: l('Texte (Markdown)', 'Text (Markdown)'), order: l('Ordre', 'Order'),
      published: l('Publiée', 'Published'),
    },
  },
  'plugin::site.settings': {
    displayName: l('Réglages du site public', 'Public site settings'),
    fields: {
      siteName: l('Nom du site', 'Site name'), tagline: l('Accroche', 'Tagline'), contactEmail: l('E-mail de contact', 'Contact e-mail'),
      phone: l('Téléphone', 'Phone'), address, footerNote: l('Mention en pied de page', 'Footer note'),
      showImpact: l('Afficher les chiffres d’impact', 'Show impact figures'),
    },
  },
  'api::funder-programme.funder-programme': {
    displayName: l('Programme de financement', 'Funding programme'),
    fields: {
      name: l('Nom', 'Name'), funder: l('Financeur', 'Funder'), periodStart: l('Début', 'Start'), periodEnd: l('Fin', 'End'),
      targetPublic: l('Public visé', 'Target public'), territory: l('Territoire', 'Territory'), notes,
    },
  },
  'api::weee-shipment.weee-shipment': {
    displayName: l('Enlèvement DEEE', 'WEEE pickup'),
    fields: {
      shippedAt: l('Enlevé le', 'Shipped on'), recycler: l('Éco-organisme ou recycleur', 'Recycler'),
      trackingReference: l('Référence du bordereau', 'Tracking reference'), machines: l('Machines', 'Machines'), notes,
    },
  },
  'api::volunteer.volunteer': {
    displayName: l('Bénévole', 'Volunteer'),
    fields: {
      name: l('Nom', 'Name'), email: l('E-mail', 'E-mail'), phone: l('Téléphone', 'Phone'),
      consentDate: l('Consentement recueilli le', 'Consent date'), startDate: l('Arrivée le', 'Joined on'),
      endDate: l('Départ le', 'Left on'), availability: l('Disponibilités', 'Availability'),
      adminUser: l('Compte d’accès (administration)', 'Admin account'), notes,
      skillGrants: l('Compétences', 'Skills'), trainings: l('Formations suivies', 'Trainings attended'),
    },
  },
  'api::skill.skill': {
    displayName: l('Compétence', 'Skill'),
    fields: {
      key: l('Clé (réglages de la chaîne)', 'Key (pipeline settings)'), name: l('Nom', 'Name'),
      validityMonths: l('Validité (mois)', 'Valid for (months)'), description: l('Description', 'Description'),
    },
  },
  'api::training.training': {
    displayName: l('Formation', 'Training'),
    fields: {
      date: l('Date', 'Date'), trainer: l('Formateur ou formatrice', 'Trainer'), attendees: l('Participants', 'Attendees'),
      content: l('Contenu', 'Content'), skills: l('Compétences accordées', 'Skills granted'), grants: l('Compétences acquises', 'Grants'),
    },
  },
  'api::skill-grant.skill-grant': {
    displayName: l('Compétence acquise', 'Skill grant'),
    fields: {
      volunteer: l('Bénévole', 'Volunteer'), skill: l('Compétence', 'Skill'), grantedOn: l('Obtenue le', 'Granted on'),
      expiresOn: l('Valable jusqu’au', 'Valid until'), training: l('Formation', 'Training'),
      grantedBy: l('Accordée par', 'Granted by'), notes,
    },
  },
};

export const COMPONENT_LABELS: Record<string, TypeLabels> = {
  'shared.contact': {
    displayName: l('Contact', 'Contact'),
    fields: { name: l('Nom', 'Name'), role: l('Fonction', 'Role'), email: l('E-mail', 'E-mail'), phone: l('Téléphone', 'Phone') },
  },
  'convention.terms': {
    displayName: l('Conditions', 'Terms'),
    fields: {
      unitsExpected: l("Nombre d'unités prévu", 'Units expected'),
      pickupArrangements: l('Modalités d’enlèvement', 'Pickup arrangements'),
      declaredUnitValue: l('Valeur unitaire déclarée (€)', 'Declared unit value (€)'),
    },
  },
  'prescription.needs': {
    displayName: l('Besoins', 'Needs'),
    fields: {
      deviceType: l("Type d'ordinateur", 'Device type'), screen: l('Écran', 'Screen'),
      webcam: l('Webcam', 'Webcam'), microphone: l('Microphone', 'Microphone'),
      keyboardMouse: l('Clavier et souris', 'Keyboard and mouse'),
    },
  },
  'prescription.follow-up': {
    displayName: l('Suivi', 'Follow-up'),
    fields: { date: l('Date', 'Date'), note: l('Note', 'Note'), author: l('Auteur', 'Author') },
  },
};

/** Enumeration values, translated in the admin's selects (the admin looks them up by value). */
export const ENUM_LABELS: Record<string, Label> = {
  company: l('Entreprise', 'Company'),
  public_administration: l('Administration publique', 'Public administration'),
  local_authority: l('Collectivité territoriale', 'Local authority'),
  association: l('Association', 'Association'),
  other: l('Autre', 'Other'),
  prospect: l('Prospect', 'Prospect'),
  contacted: l('Contacté', 'Contacted'),
  meeting: l('Rendez-vous', 'Meeting'),
  negotiating: l('En négociation', 'Negotiating'),
  partner: l('Partenaire', 'Partner'),
  inactive: l('Inactif', 'Inactive'),
  partnership: l('Partenariat (donateur)', 'Partnership (donor)'),
  membership: l('Adhésion (prescripteur)', 'Membership (prescriber)'),
  draft: l('Brouillon', 'Draft'),
  sent: l('Envoyée', 'Sent'),
  signed: l('Signée', 'Signed'),
  expired: l('Expirée', 'Expired'),
  terminated: l('Résiliée', 'Terminated'),
  renewed: l('Renouvelée', 'Renewed'),
  relationship_change: l("Changement d'étape", 'Relationship step change'),
  planned: l('Planifiée', 'Planned'),
  done: l('Faite', 'Done'),
  cancelled: l('Annulée', 'Cancelled'),
  desktop: l('Ordinateur fixe', 'Desktop'),
  laptop: l('Portable', 'Laptop'),
  all_in_one: l('Tout-en-un', 'All-in-one'),
  server: l('Serveur', 'Server'),
  screen: l('Écran', 'Screen'),
  grade_a: l('A — très bon état', 'A — very good'),
  grade_b: l('B — bon état', 'B — good'),
  grade_c: l('C — usé', 'C — worn'),
  unusable: l('Non réutilisable', 'Not reusable'),
  sata_disk: l('Disque dur SATA', 'SATA disk'),
  ram: l('Mémoire vive', 'RAM'),
  usb_keyboard: l('Clavier USB', 'USB keyboard'),
  usb_mouse: l('Souris USB', 'USB mouse'),
  flat_screen: l('Écran plat', 'Flat screen'),
  webcam: l('Webcam', 'Webcam'),
  microphone: l('Microphone', 'Microphone'),
  power_cable: l("Câble d'alimentation", 'Power cable'),
  cdas: l('CDAS', 'CDAS'),
  ccas: l('CCAS', 'CCAS'),
  college: l('Collège', 'Collège'),
  call: l('Appel', 'Call'),
  email: l('E-mail', 'E-mail'),
  letter: l('Courrier', 'Letter'),
  sata: l('SATA', 'SATA'),
  ide: l('IDE (PATA)', 'IDE (PATA)'),
  sas: l('SAS', 'SAS'),
  nvme: l('NVMe', 'NVMe'),
  emmc: l('eMMC', 'eMMC'),
  usb: l('USB', 'USB'),
  present: l('Dans l’unité', 'In the unit'),
  removed: l('Retiré de l’unité', 'Removed from the unit'),
  destroyed: l('Détruit', 'Destroyed'),
  returned_to_donor: l('Rendu au donateur', 'Returned to the donor'),
  parts_stock: l('Stock de pièces', 'Parts stock'),
  weee_recycling: l('Filière DEEE', 'WEEE recycling'),
  // Funding programmes' territories.
  brest: l('Brest (commune)', 'Brest (town)'),
  bmo: l('Brest métropole', 'Brest métropole'),
};

/**
 * The hints under edit-form fields (the content manager's « description »): stored in French in
 * the views' configuration, shown in the user's language by the admin (src/admin/app.tsx).
 */
export const FIELD_HINTS: Record<string, Record<string, Label>> = {
  'api::workshop.workshop': {
    coordinatorsEmail: l(
      'Adresses séparées par des virgules, sur l’atelier par défaut : alertes de stock, prescriptions et dons reçus, rappels. Vide : la variable COORDINATORS_EMAIL du serveur.',
      'Addresses separated by commas, on the default workshop: stock alerts, prescriptions and donations received, reminders. Empty: the server’s COORDINATORS_EMAIL variable.',
    ),
  },
  'api::donor.donor': {
    siret: l('14 chiffres, sans espaces ; la clé de contrôle est vérifiée.', '14 digits, no spaces; the check digit is verified.'),
    publicListingConsent: l('Le donateur accepte de figurer, avec son logo, sur la page Partenaires du site.', 'The donor agrees to appear, with its logo, on the site’s Partners page.'),
  },
  'api::convention.convention': {
    number: l('Attribué automatiquement à la création (CP-année-n° ou CA-année-n°).', 'Given automatically on creation (CP-year-no. or CA-year-no.).'),
    state: l(
      'Change par le panneau « Cycle de vie » (Envoyer, Marquer signée, Résilier, Renouveler), jamais à la main.',
      'Changes through the “Lifecycle” panel (Send, Mark signed, Terminate, Renew), never by hand.',
    ),
  },
  'api::donation.donation': {
    reference: l('Attribuée automatiquement à la création.', 'Given automatically on creation.'),
    announcedCount: l('Le nombre reçu se compte dans « Machines reçues ».', 'The number received is counted in “Units received”.'),
  },
  'api::machine.machine': {
    labelCode: l('Laisser vide : le code est attribué à l’enregistrement.', 'Leave empty: the code is given on saving.'),
    donor: l('Déduit du lot.', 'Taken from the batch.'),
    pipelineStage: l('Change par la chaîne de reconditionnement (poste, tableau), jamais à la main.', 'Changes through the refurbishment line (station, board), never by hand.'),
    storageDevices: l(
      'Disques, SSD, cartes : chacun a sa fiche. Après la Réception, un support ne se retire qu’avec « Retirer ce support » (panneau Supports de stockage).',
      'Disks, SSDs, cards: each has its own record. After Reception, a device is removed only with “Remove this device” (Storage devices panel).',
    ),
    type: l(
      'Seuls les écrans sont dispensés de preuve d’effacement ; après la Réception, le type ne passe plus d’un écran à un ordinateur ni l’inverse.',
      'Only screens need no erasure evidence; after Reception, the type no longer changes from a screen to a computer or back.',
    ),
    prescription: l('Lié par la réservation depuis la prescription (« Machine réservée »), jamais à la main.', 'Linked by the reservation from the prescription (“Unit reserved”), never by hand.'),
  },
  'api::storage-device.storage-device': {
    serial: l(
      'Après la Réception de l’unité, ne change plus : un autre disque s’enregistre comme un nouveau support.',
      'After the unit’s Reception, it no longer changes: another disk is recorded as a new device.',
    ),
    machine: l('Après la Réception, un support ne se détache plus de son unité : on enregistre son retrait.', 'After Reception, a device is no longer detached from its unit: its removal is recorded.'),
    state: l('Tenu par la chaîne : « Retirer ce support » depuis la fiche de la machine ou le poste de travail.', 'Kept by the line: “Remove this device” from the unit’s record or the station.'),
  },
  'api::prescription.prescription': {
    number: l('Attribué automatiquement à la création.', 'Given automatically on creation.'),
    pipelineStage: l('Change par le suivi des prescriptions, jamais à la main.', 'Changes through the prescriptions’ follow-up, never by hand.'),
    machines: l('Réservée depuis le panneau « Machines proposées » (« Machine réservée »), jamais à la main.', 'Reserved from the “Proposed units” panel (“Unit reserved”), never by hand.'),
  },
  'api::household.household': {
    referenceName: l('Données personnelles : le strict nécessaire (ex. « Foyer M. »).', 'Personal data: the bare minimum (e.g. “Household M.”).'),
    anonymisedAt: l(
      'Rempli par l’anonymisation (conservation échue ou demande d’effacement), jamais à la main.',
      'Filled in by anonymisation (retention over or erasure request), never by hand.',
    ),
  },
  'plugin::site.page': {
    body: l(
      'Markdown : ## Titre, - liste, **gras**, [lien](https://…). Le HTML est affiché tel quel, jamais interprété.',
      'Markdown: ## Title, - list, **bold**, [link](https://…). HTML is shown as is, never interpreted.',
    ),
    slug: l('Ne pas changer pour les huit pages du site : leur adresse en dépend.', 'Do not change it for the site’s eight pages: their address depends on it.'),
  },
  'api::volunteer.volunteer': {
    name: l('Données personnelles : le strict nécessaire (docs/privacy.md).', 'Personal data: the bare minimum (docs/privacy.md).'),
    adminUser: l(
      'Le compte avec lequel ce bénévole se connecte : ses compétences valent pour les actions faites avec ce compte.',
      'The account this volunteer logs in with: their skills count for the actions made with this account.',
    ),
    endDate: l('Après le départ, ses compétences ne comptent plus.', 'After leaving, their skills no longer count.'),
  },
  'api::skill.skill': {
    key: l(
      'Nommée dans les réglages de la chaîne (effacement certifié : « erasure ») : ne pas la changer si une étape ou une action l’exige.',
      'Named in the line’s settings (certified erasure: “erasure”): do not change it if a stage or an action requires it.',
    ),
    validityMonths: l(
      'Vide : la compétence ne s’éteint pas. Sinon, chaque compétence acquise vaut ce nombre de mois.',
      'Empty: the skill does not expire. Otherwise each grant of it is valid for this number of months.',
    ),
  },
  'api::training.training': {
    skills: l(
      'À l’enregistrement, chaque participant reçoit chacune de ces compétences, datée du jour de la formation.',
      'On saving, each attendee receives each of these skills, dated the day of the training.',
    ),
  },
  'api::skill-grant.skill-grant': {
    grantedOn: l('Vide : aujourd’hui.', 'Empty: today.'),
    expiresOn: l('Dernier jour de validité ; vide : calculé d’après la validité de la compétence.', 'Last valid day; empty: computed from the skill’s validity.'),
    grantedBy: l(
      'Rempli à l’enregistrement : la formation, ou la personne qui l’accorde à la main.',
      'Filled in on saving: the training, or the person who grants it by hand.',
    ),
  },
  'api::pickup.pickup': {
    donor: l('Celui de la convention.', 'The convention’s donor.'),
    donation: l('Créé quand la collecte est faite (Relations › Collectes).', 'Created when the pickup is done (Relations › Pickups).'),
    state: l('Change par « Collecte faite » ou « Annuler » (Relations › Collectes), jamais à la main.', 'Changes through “Pickup done” or “Cancel” (Relations › Pickups), never by hand.'),
  },
};

/** A stored (French) hint in `lang`; a hint staff wrote themselves in the views' settings stays as written. */
export function hintIn(lang: keyof Label, stored: string): string {
  if (lang === 'fr') return stored;
  for (const fields of Object.values(FIELD_HINTS)) for (const hint of Object.values(fields)) if (hint.fr === stored) return hint[lang];
  return stored;
}

/** French labels of some enumeration values, for pages and messages that name them outside the content manager. */
export function frenchLabels<V extends string>(values: readonly V[]): Record<V, string> {
  return Object.fromEntries(values.map((value) => [value, ENUM_LABELS[value]?.fr ?? value])) as Record<V, string>;
}

/** Admin translation keys for one language: type names, field labels, enumeration values. */
/**
 * Types shown in the content manager's menu whose fields are labelled by their own schema: their
 * names, which the admin looks up as translation ids (a missing one is logged on every page).
 */
const OTHER_TYPE_NAMES: Label[] = [
  l('Modèle de document', 'Document template'),
  l('Identité de l’atelier (documents)', 'Workshop identity (documents)'),
];

export function adminTranslations(lang: keyof Label): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of OTHER_TYPE_NAMES) out[name.fr] = name[lang];
  for (const [uid, t] of Object.entries(TYPE_LABELS)) {
    out[t.displayName.fr] = t.displayName[lang];
    for (const [field, label] of Object.entries(t.fields)) out[`content-manager.content-types.${uid}.${field}`] = label[lang];
  }
  for (const [uid, t] of Object.entries(COMPONENT_LABELS)) {
    for (const [field, label] of Object.entries(t.fields)) out[`content-manager.components.${uid}.${field}`] = label[lang];
  }
  for (const [value, label] of Object.entries(ENUM_LABELS)) out[value] = label[lang];
  return out;
}
