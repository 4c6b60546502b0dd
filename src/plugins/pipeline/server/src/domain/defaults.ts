import { MACHINE_STAGE as M, PRESCRIPTION_STAGE as P } from '../../../../../shared/vocabulary';
import { DEFAULT_QUALIFICATIONS, MACHINE_UID, PRESCRIPTION_UID, type StageDef, type TransitionDef, type WorkflowDef } from './workflow';

const COORDINATION = 'seconde-vie-coordination';

const stage = (key: string, label: string, color: string, position: number, extra: Partial<StageDef> = {}): StageDef => ({
  key, label, color, position, terminal: false, checklist: [], enterRoles: [], ...extra,
});

const chain = (keys: string[]): TransitionDef[] =>
  keys.slice(1).map((to, i) => ({ from: keys[i], to, actions: [] }));

const MACHINE_LINE = [M.received, M.sorting, M.testing, M.erasing, M.cleaning, M.reinstalling, M.ready, M.reserved, M.handedOver];
const BEFORE_RESERVED = MACHINE_LINE.slice(0, MACHINE_LINE.indexOf(M.reserved));

/** Réception → … → Remise, with exits to parts or WEEE recycling from any stage before Réservée. */
export const MACHINE_WORKFLOW: WorkflowDef = {
  key: 'machines',
  name: 'Reconditionnement des machines',
  contentType: MACHINE_UID,
  qualifications: DEFAULT_QUALIFICATIONS,
  stages: [
    stage(M.received, 'Réception', '#6b7280', 0),
    stage(M.sorting, 'Tri', '#8b5cf6', 1, {
      checklist: [{ key: 'complete', label: 'Unité complète (capots, vis)', required: false }],
    }),
    stage(M.testing, 'Test', '#3b82f6', 2, {
      checklist: [
        { key: 'boots', label: 'Démarre jusqu’au BIOS', required: true },
        { key: 'memory', label: 'Mémoire testée sans erreur', required: true },
        { key: 'disk_smart', label: 'Disque : état SMART correct', required: true },
        { key: 'usb_ports', label: 'Ports USB testés', required: false },
        { key: 'screen', label: 'Écran testé', required: false },
        { key: 'battery', label: 'Batterie > 50 % (portables)', required: false },
      ],
    }),
    stage(M.erasing, 'Effacement', '#ef4444', 3),
    stage(M.cleaning, 'Nettoyage', '#14b8a6', 4, {
      checklist: [
        { key: 'dusted', label: 'Dépoussiéré', required: true },
        { key: 'case_cleaned', label: 'Boîtier et clavier nettoyés', required: true },
      ],
    }),
    stage(M.reinstalling, 'Réinstallation', '#f59e0b', 5, {
      checklist: [
        { key: 'os_installed', label: 'Système installé', required: true },
        { key: 'updates', label: 'Mises à jour appliquées', required: true },
      ],
    }),
    stage(M.ready, 'Prête', '#22c55e', 6),
    stage(M.reserved, 'Réservée', '#0ea5e9', 7, { enterRoles: [COORDINATION] }),
    stage(M.handedOver, 'Remise', '#15803d', 8, { terminal: true, enterRoles: [COORDINATION] }),
    stage(M.dismantled, 'Démontée (pièces)', '#a16207', 9, { terminal: true }),
    stage(M.recycled, 'Recyclage DEEE', '#78716c', 10, { terminal: true }),
  ],
  transitions: [
    ...chain(MACHINE_LINE),
    { from: M.reserved, to: M.ready, actions: [] },
    ...BEFORE_RESERVED.flatMap((from) => [
      { from, to: M.dismantled, actions: [] },
      { from, to: M.recycled, actions: [] },
    ]),
  ],
};

/**
 * The prescriber hears of each decision and when its household's computer is ready; staff edit
 * or remove these e-mails in the settings like any action. They name the prescription by its
 * number only: no household's name leaves by e-mail.
 */
const NOTICES: Record<string, { subject: string; text: string }> = {
  [P.accepted]: {
    subject: 'Prescription {{reference}} acceptée',
    text: "Bonjour,\n\nLa prescription {{reference}} est acceptée : l'atelier réserve un ordinateur adapté et vous prévient dès qu'il est prêt.\n\nL'atelier Seconde Vie",
  },
  [P.refused]: {
    subject: 'Prescription {{reference}} non retenue',
    text: "Bonjour,\n\nLa prescription {{reference}} n'a pas pu être retenue. L'équipe de coordination vous en donne la raison par téléphone ou sur le portail.\n\nL'atelier Seconde Vie",
  },
  [P.machineReserved]: {
    subject: 'Prescription {{reference}} : ordinateur prêt pour la remise',
    text: "Bonjour,\n\nUn ordinateur est prêt pour la prescription {{reference}}. Convenez avec le foyer d'un rendez-vous de remise à l'atelier.\n\nL'atelier Seconde Vie",
  },
};

function withDefaultNotice(t: TransitionDef): TransitionDef {
  const notice = t.from === P.machineReserved ? undefined : NOTICES[t.to];
  return notice ? { ...t, actions: [{ type: 'send-email', options: { to: 'prescripteur', ...notice } }] } : t;
}

const PRESCRIPTION_LINE = [P.received, P.reviewing, P.accepted, P.machineReserved, P.handedOver, P.closed];

/** Reçue → En étude → Acceptée → Machine réservée → Remise → Suivi clos; exits Refusée and Retirée. */
export const PRESCRIPTION_WORKFLOW: WorkflowDef = {
  key: 'prescriptions',
  name: 'Suivi des prescriptions',
  contentType: PRESCRIPTION_UID,
  qualifications: { erasure: null, exempt: ['strapi-super-admin'] },
  stages: [
    stage(P.received, 'Reçue', '#6b7280', 0),
    stage(P.reviewing, 'En étude', '#8b5cf6', 1),
    stage(P.accepted, 'Acceptée', '#3b82f6', 2, { enterRoles: [COORDINATION] }),
    stage(P.machineReserved, 'Machine réservée', '#0ea5e9', 3, { enterRoles: [COORDINATION] }),
    stage(P.handedOver, 'Remise', '#22c55e', 4, { enterRoles: [COORDINATION] }),
    stage(P.closed, 'Suivi clos', '#15803d', 5, { terminal: true }),
    stage(P.refused, 'Refusée', '#ef4444', 6, { terminal: true, enterRoles: [COORDINATION] }),
    stage(P.withdrawn, 'Retirée', '#78716c', 7, { terminal: true }),
  ],
  transitions: [
    ...chain(PRESCRIPTION_LINE),
    { from: P.machineReserved, to: P.accepted, actions: [] },
    { from: P.received, to: P.refused, actions: [] },
    { from: P.reviewing, to: P.refused, actions: [] },
    ...[P.received, P.reviewing, P.accepted, P.machineReserved].map((from) => ({ from, to: P.withdrawn, actions: [] })),
  ].map(withDefaultNotice),
};

export const DEFAULT_WORKFLOWS = [MACHINE_WORKFLOW, PRESCRIPTION_WORKFLOW];
