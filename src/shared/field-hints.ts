import { l, type Label } from './labels';

/**
 * The hints under edit-form fields (the content manager's « description »): stored in French in
 * the views' configuration, shown in the user's language by the admin (src/admin/app.tsx).
 */
export const FIELD_HINTS: Record<string, Record<string, Label>> = {
  'api::workshop.workshop': {
    coordinatorsEmail: l(
      'Adresses séparées par des virgules : alertes de stock, prescriptions et dons reçus, rappels et résumés de cet atelier. Vide : ses comptes Coordination (atelier par défaut : d’abord la variable COORDINATORS_EMAIL du serveur).',
      'Addresses separated by commas: this workshop’s stock alerts, prescriptions and donations received, reminders and digests. Empty: its Coordination accounts (default workshop: the server’s COORDINATORS_EMAIL variable first).',
    ),
    code: l(
      'Lettres et chiffres, 6 au plus (ex. MX) : début des codes d’étiquette (MX-001157) et des numéros de l’atelier (LOT-MX-2026-001). Vide : tiré de la commune.',
      'Letters and digits, 6 at most (e.g. MX): starts the workshop’s label codes (MX-001157) and numbers (LOT-MX-2026-001). Empty: taken from the town.',
    ),
    postalCodes: l(
      'Codes postaux (ou débuts : 29) séparés par des virgules : les offres de dons et de bénévolat de ces communes arrivent à cet atelier.',
      'Postcodes (or prefixes: 29) separated by commas: donation and volunteering offers from these towns go to this workshop.',
    ),
    members: l(
      'Les comptes du panneau qui travaillent pour cet atelier : ils ne voient que ses fiches. Un compte d’aucun atelier travaille pour l’atelier par défaut.',
      'The admin accounts working for this workshop: they see only its records. An account of no workshop works for the default workshop.',
    ),
    legalForm: l(
      'Si l’atelier est une structure à part (son association, son SIRET) : ses documents l’impriment. Vide : celle de la fiche « Identité de l’atelier (documents) ».',
      'When the workshop is a legal entity of its own (its association, its SIRET): its documents print it. Empty: the one in the « Workshop identity (documents) » entry.',
    ),
    siret: l('14 chiffres, sans espaces ; la clé de contrôle est vérifiée. Vide : celui de la fiche « Identité de l’atelier (documents) ».', '14 digits, no spaces; the check digit is verified. Empty: the one in the « Workshop identity (documents) » entry.'),
    signatoryName: l('Qui signe les conventions et certificats de cet atelier. Vide : celui de la fiche « Identité de l’atelier (documents) ».', 'Who signs this workshop’s conventions and certificates. Empty: the one in the « Workshop identity (documents) » entry.'),
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
    slug: l('Ne pas changer pour les neuf pages du site : leur adresse en dépend.', 'Do not change it for the site’s nine pages: their address depends on it.'),
  },
  'api::volunteer.volunteer': {
    name: l('Données personnelles : le strict nécessaire (docs/privacy.md).', 'Personal data: the bare minimum (docs/privacy.md).'),
    adminUser: l(
      'Le compte avec lequel ce bénévole se connecte : ses compétences valent pour les actions faites avec ce compte.',
      'The account this volunteer logs in with: their skills count for the actions made with this account.',
    ),
    endDate: l('Après le départ, ses compétences ne comptent plus.', 'After leaving, their skills no longer count.'),
    membership: l(
      'Candidat·e : inscrit·e par le site public, pas encore accueilli·e (sans date d’arrivée). Actif·ve et Parti·e demandent la date d’arrivée ; Parti·e, la date de départ.',
      'Applicant: signed up on the public site, not welcomed yet (no start date). Active and Former need the start date; Former, the leaving date.',
    ),
    startDate: l('Obligatoire dès que la personne est accueillie dans l’équipe.', 'Required once the person is welcomed into the team.'),
    badgeCode: l(
      'Généré par l’application et imprimé sur le badge. Videz le champ puis enregistrez pour en générer un nouveau : l’ancien badge ne marche plus.',
      'Generated by the app and printed on the badge. Empty the field and save to generate a new one: the old badge stops working.',
    ),
    pin: l(
      'De 4 à 6 chiffres, pour se signaler au poste de travail sans badge. Jamais affiché : tapez-en un nouveau pour le changer, laissez vide pour le garder.',
      '4 to 6 digits, to sign in at the bench station without a badge. Never shown: type a new one to change it, leave empty to keep it.',
    ),
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
  'api::volunteer-presence.volunteer-presence': {
    title: l('Rempli à l’enregistrement : le bénévole, son arrivée et son départ.', 'Filled in on saving: the volunteer, their arrival and departure.'),
    signedOutAt: l(
      'Vide tant que le bénévole est là. Un départ oublié reste « à régulariser » et ne compte aucune heure jusqu’à ce qu’il soit saisi ici.',
      'Empty while the volunteer is here. A forgotten sign-out stays “to regularise” and counts no hours until it is entered here.',
    ),
    source: l(
      'Rempli à l’enregistrement : pointée au poste, ou saisie ici par la coordination.',
      'Filled in on saving: signed at the station, or entered here by the coordination.',
    ),
    enteredBy: l('Rempli à l’enregistrement : qui l’a saisie.', 'Filled in on saving: who entered it.'),
    correctedBy: l('Rempli à l’enregistrement : qui l’a corrigée ici en dernier.', 'Filled in on saving: who last corrected it here.'),
  },
  'api::permanence.permanence': {
    expectedVolunteers: l('Qui a prévu de venir ; les heures comptent d’après les présences.', 'Who planned to come; hours count from the presences.'),
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
