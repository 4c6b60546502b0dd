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

export const l = (fr: string, en: string): Label => ({ fr, en });

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
      code: l('Préfixe (étiquettes et numéros)', 'Prefix (labels and numbers)'),
      postalCodes: l('Codes postaux couverts', 'Postcodes covered'),
      members: l('Équipe (comptes du panneau)', 'Staff (admin accounts)'),
      legalForm: l('Forme juridique', 'Legal form'), siret: l('SIRET', 'SIRET'), phone: l('Téléphone', 'Telephone'),
      signatoryName: l('Signataire', 'Signatory'), signatoryRole: l('Qualité du signataire', 'Signatory’s title'),
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
      followedBy: l('Atelier référent', 'Following workshop'),
    },
  },
  'api::convention.convention': {
    displayName: l('Convention', 'Convention'),
    fields: {
      workshop,
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
      workshop,
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
      workshop,
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
      workshop,
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
      workshop,
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
      workshop,
      name: l('Nom', 'Name'), funder: l('Financeur', 'Funder'), periodStart: l('Début', 'Start'), periodEnd: l('Fin', 'End'),
      targetPublic: l('Public visé', 'Target public'), territory: l('Territoire', 'Territory'), notes,
    },
  },
  'api::weee-shipment.weee-shipment': {
    displayName: l('Enlèvement DEEE', 'WEEE pickup'),
    fields: {
      workshop,
      shippedAt: l('Enlevé le', 'Shipped on'), recycler: l('Éco-organisme ou recycleur', 'Recycler'),
      trackingReference: l('Référence du bordereau', 'Tracking reference'), machines: l('Machines', 'Machines'), notes,
    },
  },
  'api::volunteer.volunteer': {
    displayName: l('Bénévole', 'Volunteer'),
    fields: {
      workshop,
      name: l('Nom', 'Name'), membership: l('Statut dans l’équipe', 'Team status'), email: l('E-mail', 'E-mail'), phone: l('Téléphone', 'Phone'),
      consentDate: l('Consentement recueilli le', 'Consent date'), startDate: l('Arrivée le', 'Joined on'),
      endDate: l('Départ le', 'Left on'), availability: l('Disponibilités', 'Availability'),
      adminUser: l('Compte d’accès (administration)', 'Admin account'), badgeCode: l('Code du badge', 'Badge code'),
      pin: l('Code PIN (poste de travail)', 'PIN (bench station)'), notes,
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
      workshop,
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
  'api::volunteer-presence.volunteer-presence': {
    displayName: l('Présence', 'Presence'),
    fields: {
      title: l('Présence', 'Presence'), volunteer: l('Bénévole', 'Volunteer'), signedInAt: l('Arrivée', 'Signed in at'), signedOutAt: l('Départ', 'Signed out at'),
      source: l('Saisie', 'Recorded'), enteredBy: l('Saisie par', 'Entered by'), correctedBy: l('Corrigée par', 'Corrected by'),
      session: l('Permanence', 'Session'), notes,
    },
  },
  'api::permanence.permanence': {
    displayName: l('Permanence', 'Session'),
    fields: {
      workshop,
      date: l('Date', 'Date'), startTime: l('Début', 'Start'), endTime: l('Fin', 'End'), place: l('Lieu', 'Place'),
      expectedVolunteers: l('Bénévoles attendus', 'Volunteers expected'), presences: l('Présences', 'Presences'), notes,
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
  // Volunteers' status (`prospect` is the donors' step: a candidate volunteer has a word of its own).
  candidate: l('Candidat·e', 'Applicant'),
  active: l('Actif·ve', 'Active'),
  left: l('Parti·e', 'Former member'),
  // Funding programmes' territories.
  brest: l('Brest (commune)', 'Brest (town)'),
  bmo: l('Brest métropole', 'Brest métropole'),
  // Presences: how a presence was recorded.
  station: l('Pointée au poste', 'Signed at the station'),
  coordinator: l('Saisie par la coordination', 'Entered by the coordination'),
};

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
