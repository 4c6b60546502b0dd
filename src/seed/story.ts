/**
 * The demo data: the story of the seed document (a Pays de Brest workshop, 2011–2012).
 * Organisation names are the real partners the report names; people and households are invented.
 */
export const DONORS = [
  {
    name: 'Alcatel-Lucent Brest', kind: 'company', siretStem: '7750148880001', commune: 'Brest', postalCode: '29200',
    relationship: 'partner', ordiLabelDate: null,
    contact: { name: 'Hervé Le Gall', role: 'Responsable des moyens généraux', email: 'h.legall@alcatel.example', phone: '02 98 00 10 10' },
    convention: { startDate: '2011-10-03', signedAt: '2011-10-03', endDate: null, unitsExpected: 80, declaredUnitValue: 0 },
    donation: null,
  },
  {
    name: 'CHU de Brest', kind: 'public_administration', siretStem: '2629002110001', commune: 'Brest', postalCode: '29200',
    relationship: 'partner', ordiLabelDate: null,
    contact: { name: 'Anne Kerhervé', role: 'Direction du numérique', email: 'a.kerherve@chu-brest.example', phone: '02 98 00 20 20' },
    convention: { startDate: '2011-09-05', signedAt: '2011-09-05', endDate: '2014-09-04', unitsExpected: 200, declaredUnitValue: 15 },
    donation: { count: 200, collectedAt: '2011-09-20', site: 'CHU Morvan, 2 avenue Foch, Brest', prefix: 'CHU-INV-', mix: [[0, 30], [2, 25], [3, 20], [8, 10], [13, 15]], spread: [['ready', 1]] },
  },
  {
    name: 'CAF du Finistère', kind: 'other', siretStem: '7775586920001', commune: 'Quimper', postalCode: '29000',
    relationship: 'partner', ordiLabelDate: '2012-04-12',
    contact: { name: 'Yann Morvan', role: 'Service informatique', email: 'y.morvan@caf29.example', phone: '02 98 00 30 30' },
    convention: { startDate: '2012-01-16', signedAt: '2012-01-16', endDate: '2015-01-15', unitsExpected: 290, declaredUnitValue: 20 },
    donation: { count: 290, collectedAt: '2012-02-10', site: 'CAF, 1 rue de Savoie, Brest', prefix: 'CAF29-', mix: [[3, 35], [4, 30], [5, 15], [9, 10], [14, 10]], spread: [['ready', 75], ['reinstalling', 15], ['cleaning', 10]] },
  },
  {
    name: 'Université de Bretagne Occidentale (UBO)', kind: 'public_administration', siretStem: '1929104790001', commune: 'Brest', postalCode: '29200',
    relationship: 'partner', ordiLabelDate: '2012-04-12',
    contact: { name: 'Gwenaëlle Tanguy', role: 'Direction du système d’information', email: 'g.tanguy@univ-brest.example', phone: '02 98 00 40 40' },
    convention: { startDate: '2012-03-01', signedAt: '2012-03-01', endDate: '2015-02-28', unitsExpected: 120, declaredUnitValue: 25 },
    donation: { count: 120, collectedAt: '2012-05-22', site: 'UBO, 3 rue des Archives, Brest', prefix: 'UBO-IT-', mix: [[1, 30], [6, 25], [10, 20], [11, 10], [12, 15]], spread: [['ready', 30], ['reinstalling', 15], ['cleaning', 20], ['erasing', 20], ['testing', 15]] },
  },
  {
    name: 'DSIT Brest métropole', kind: 'local_authority', siretStem: '2429000310001', commune: 'Brest', postalCode: '29200',
    relationship: 'partner', ordiLabelDate: null,
    contact: { name: 'Loïc Le Bihan', role: 'Directeur des systèmes d’information', email: 'l.lebihan@brest-metropole.example', phone: '02 98 00 50 50' },
    convention: { startDate: '2012-05-07', signedAt: '2012-05-07', endDate: '2015-05-06', unitsExpected: 430, declaredUnitValue: 10 },
    donation: { count: 430, collectedAt: '2012-07-03', site: 'Hôtel de métropole, 24 rue Coat-ar-Guéven, Brest', prefix: 'DSIT-', mix: [[1, 25], [5, 20], [6, 20], [7, 15], [9, 10], [13, 10]], spread: [['ready', 5], ['erasing', 10], ['testing', 25], ['sorting', 25], ['received', 35]] },
  },
  {
    name: 'Banque du Ponant', kind: 'company', siretStem: '4829013370001', commune: 'Brest', postalCode: '29200',
    relationship: 'meeting', ordiLabelDate: null,
    contact: { name: 'Soizic Le Roux', role: 'Responsable RSE', email: 's.leroux@banque-ponant.example', phone: '02 98 00 60 60' },
    convention: null, donation: null,
  },
  {
    name: 'Technopôle Brest-Iroise', kind: 'association', siretStem: '3224471890001', commune: 'Plouzané', postalCode: '29280',
    relationship: 'contacted', ordiLabelDate: null,
    contact: { name: 'Erwan Caradec', role: 'Chargé de mission', email: 'e.caradec@technopole.example', phone: '02 98 00 70 70' },
    convention: null, donation: null,
  },
] as const;

/** Membership conventions: CDAS and CCAS signed (open-ended), collèges written to without answer. */
export const PRESCRIBERS = [
  { name: 'CDAS de Brest Bellevue', kind: 'cdas', commune: 'Brest', convention: { state: 'signed', startDate: '2011-09-01', signedAt: '2011-09-01', endDate: null } },
  { name: 'CCAS de Brest', kind: 'ccas', commune: 'Brest', convention: { state: 'signed', startDate: '2011-09-01', signedAt: '2011-09-08', endDate: null } },
  { name: 'CCAS de Guipavas', kind: 'ccas', commune: 'Guipavas', convention: { state: 'expired', startDate: '2011-11-01', signedAt: '2011-11-01', endDate: '2012-10-31' } },
  { name: 'Collège de Kerhallet', kind: 'college', commune: 'Brest', convention: { state: 'sent', startDate: '2012-09-01', signedAt: null, endDate: null } },
  { name: "Collège Penn ar C'hleuz", kind: 'college', commune: 'Brest', convention: { state: 'sent', startDate: '2012-09-01', signedAt: null, endDate: null } },
  { name: "Collège de l'Harteloire", kind: 'college', commune: 'Brest', convention: { state: 'sent', startDate: '2012-09-01', signedAt: null, endDate: null } },
  { name: 'Collège des Quatre Moulins', kind: 'college', commune: 'Brest', convention: { state: 'sent', startDate: '2012-09-01', signedAt: null, endDate: null } },
] as const;

/**
 * The 14 prescriptions of the report: 10 households equipped in Brest since September 2011,
 * 2 files pending at its end (31 August 2012, equipped that autumn), 2 households equipped
 * elsewhere in Brest métropole.
 */
export const PRESCRIPTIONS = [
  { household: 'Foyer A. L.', commune: 'Brest', children: 1, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2011-09-26', decidedAt: '2011-10-04', handedOverAt: '2011-10-18', device: 'desktop', screen: true },
  { household: 'Foyer B. K.', commune: 'Brest', children: 2, prescriber: 'CCAS de Brest', receivedAt: '2011-10-10', decidedAt: '2011-10-17', handedOverAt: '2011-11-08', device: 'desktop', screen: true },
  { household: 'Foyer C. M.', commune: 'Brest', children: 1, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2011-11-14', decidedAt: '2011-11-21', handedOverAt: '2011-12-06', device: 'desktop', screen: false },
  { household: 'Foyer D. P.', commune: 'Brest', children: 3, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2012-01-09', decidedAt: '2012-01-16', handedOverAt: '2012-02-07', device: 'desktop', screen: true, webcam: true },
  { household: 'Foyer E. R.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', receivedAt: '2012-02-06', decidedAt: '2012-02-13', handedOverAt: '2012-03-06', device: 'laptop' },
  { household: 'Foyer F. G.', commune: 'Brest', children: 2, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2012-03-05', decidedAt: '2012-03-12', handedOverAt: '2012-04-03', device: 'desktop', screen: true },
  { household: 'Foyer G. T.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', receivedAt: '2012-04-02', decidedAt: '2012-04-10', handedOverAt: '2012-05-02', device: 'desktop', screen: true, microphone: true },
  { household: 'Foyer H. C.', commune: 'Brest', children: 2, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2012-05-07', decidedAt: '2012-05-14', handedOverAt: '2012-06-05', device: 'laptop' },
  { household: 'Foyer I. N.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', receivedAt: '2012-06-04', decidedAt: '2012-06-11', handedOverAt: '2012-07-03', device: 'desktop', screen: true },
  { household: 'Foyer J. Q.', commune: 'Brest', children: 2, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2012-07-02', decidedAt: '2012-07-09', handedOverAt: '2012-07-31', device: 'desktop', screen: true, webcam: true },
  { household: 'Foyer K. V.', commune: 'Brest', children: 1, prescriber: 'CCAS de Brest', receivedAt: '2012-08-06', decidedAt: '2012-08-20', handedOverAt: '2012-09-25', device: 'desktop', screen: true },
  { household: 'Foyer L. S.', commune: 'Brest', children: 2, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2012-08-27', decidedAt: '2012-09-10', handedOverAt: '2012-10-09', device: 'laptop' },
  { household: 'Foyer M. H.', commune: 'Guipavas', children: 1, prescriber: 'CCAS de Guipavas', receivedAt: '2012-01-23', decidedAt: '2012-01-30', handedOverAt: '2012-02-21', device: 'desktop', screen: true },
  { household: 'Foyer N. B.', commune: 'Plouzané', children: 2, prescriber: 'CDAS de Brest Bellevue', receivedAt: '2012-04-16', decidedAt: '2012-04-23', handedOverAt: '2012-05-15', device: 'desktop', screen: true },
] as const;

/** Stock of complementary hardware: flat screens are scarce (below their alert threshold). */
export const PARTS = [
  { category: 'sata_disk', description: 'Disque dur SATA 3,5" 250 Go', quantityOnHand: 14, lowStockThreshold: 5 },
  { category: 'ram', description: 'Barrette DDR2 2 Go', quantityOnHand: 22, lowStockThreshold: 10 },
  { category: 'usb_keyboard', description: 'Clavier USB AZERTY', quantityOnHand: 35, lowStockThreshold: 10 },
  { category: 'usb_mouse', description: 'Souris USB optique', quantityOnHand: 41, lowStockThreshold: 10 },
  { category: 'flat_screen', description: 'Écran plat 17" VGA', quantityOnHand: 3, lowStockThreshold: 8 },
  { category: 'webcam', description: 'Webcam USB', quantityOnHand: 6, lowStockThreshold: 4 },
  { category: 'microphone', description: 'Micro-casque USB', quantityOnHand: 4, lowStockThreshold: 3 },
  { category: 'power_cable', description: "Câble d'alimentation secteur", quantityOnHand: 60, lowStockThreshold: 10 },
] as const;

/** Contacts of the story; their next steps were all done in the autumn of 2012. */
export const INTERACTIONS = [
  { donor: 'CHU de Brest', date: '2011-06-14T10:00:00.000Z', kind: 'meeting', summary: 'Première rencontre avec la direction du numérique : présentation du label Ordi 2.0.', outcome: 'Intéressés ; une deuxième réunion avec le service juridique est nécessaire.', nextStep: null, nextStepDue: null, nextStepDoneAt: null },
  { donor: 'CHU de Brest', date: '2011-07-05T09:30:00.000Z', kind: 'meeting', summary: 'Réunion avec le service juridique sur la convention et la cession gratuite.', outcome: 'Accord de principe ; convention à rédiger.', nextStep: null, nextStepDue: null, nextStepDoneAt: null },
  { donor: 'Université de Bretagne Occidentale (UBO)', date: '2012-01-19T14:00:00.000Z', kind: 'call', summary: 'Appel à la DSI : calendrier de renouvellement des salles de TP.', outcome: 'Lot de 120 postes prévu en mai.', nextStep: null, nextStepDue: null, nextStepDoneAt: null },
  { donor: 'Banque du Ponant', date: '2012-09-11T11:00:00.000Z', kind: 'meeting', summary: 'Rencontre avec la responsable RSE : enjeux du reconditionnement, effacement certifié.', outcome: 'Demande une proposition de convention.', nextStep: 'Envoyer le projet de convention de partenariat', nextStepDue: '2012-09-28', nextStepDoneAt: '2012-09-26T15:00:00.000Z' },
  { donor: 'Technopôle Brest-Iroise', date: '2012-09-03T10:00:00.000Z', kind: 'email', summary: 'Courriel de présentation du dispositif et de la plaquette.', outcome: 'Pas encore de réponse.', nextStep: 'Relancer par téléphone', nextStepDue: '2012-09-20', nextStepDoneAt: '2012-09-21T09:00:00.000Z' },
  { prescriber: 'Collège de Kerhallet', date: '2012-07-10T08:00:00.000Z', kind: 'letter', summary: "Courrier d'information aux services sociaux des collèges brestois.", outcome: 'Sans réponse.', nextStep: 'Relancer à la rentrée', nextStepDue: '2012-09-14', nextStepDoneAt: '2012-09-14T14:00:00.000Z' },
  { prescriber: 'CDAS de Brest Bellevue', date: '2011-09-01T09:00:00.000Z', kind: 'meeting', summary: "Signature de la convention d'adhésion et présentation de la fiche de prescription.", outcome: 'Le CDAS devient prescripteur.', nextStep: null, nextStepDue: null, nextStepDoneAt: null },
] as const;
