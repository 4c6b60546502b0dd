import { MACHINE_UID, PRESCRIPTION_UID, type StageDef, type TransitionDef, type WorkflowDef } from './workflow';

const COORDINATION = 'seconde-vie-coordination';

const stage = (key: string, label: string, color: string, position: number, extra: Partial<StageDef> = {}): StageDef => ({
  key, label, color, position, terminal: false, checklist: [], enterRoles: [], ...extra,
});

const chain = (keys: string[]): TransitionDef[] =>
  keys.slice(1).map((to, i) => ({ from: keys[i], to, actions: [] }));

const MACHINE_LINE = ['received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling', 'ready', 'reserved', 'handed_over'];
const BEFORE_RESERVED = MACHINE_LINE.slice(0, MACHINE_LINE.indexOf('reserved'));

/** Réception → … → Remise, with exits to parts or WEEE recycling from any stage before Réservée. */
export const MACHINE_WORKFLOW: WorkflowDef = {
  key: 'machines',
  name: 'Reconditionnement des machines',
  contentType: MACHINE_UID,
  stages: [
    stage('received', 'Réception', '#6b7280', 0),
    stage('sorting', 'Tri', '#8b5cf6', 1, {
      checklist: [{ key: 'complete', label: 'Unité complète (capots, vis)', required: false }],
    }),
    stage('testing', 'Test', '#3b82f6', 2, {
      checklist: [
        { key: 'boots', label: 'Démarre jusqu’au BIOS', required: true },
        { key: 'memory', label: 'Mémoire testée sans erreur', required: true },
        { key: 'disk_smart', label: 'Disque : état SMART correct', required: true },
        { key: 'usb_ports', label: 'Ports USB testés', required: false },
        { key: 'screen', label: 'Écran testé', required: false },
        { key: 'battery', label: 'Batterie > 50 % (portables)', required: false },
      ],
    }),
    stage('erasing', 'Effacement', '#ef4444', 3),
    stage('cleaning', 'Nettoyage', '#14b8a6', 4, {
      checklist: [
        { key: 'dusted', label: 'Dépoussiéré', required: true },
        { key: 'case_cleaned', label: 'Boîtier et clavier nettoyés', required: true },
      ],
    }),
    stage('reinstalling', 'Réinstallation', '#f59e0b', 5, {
      checklist: [
        { key: 'os_installed', label: 'Système installé', required: true },
        { key: 'updates', label: 'Mises à jour appliquées', required: true },
      ],
    }),
    stage('ready', 'Prête', '#22c55e', 6),
    stage('reserved', 'Réservée', '#0ea5e9', 7, { enterRoles: [COORDINATION] }),
    stage('handed_over', 'Remise', '#15803d', 8, { terminal: true, enterRoles: [COORDINATION] }),
    stage('dismantled', 'Démontée (pièces)', '#a16207', 9, { terminal: true }),
    stage('recycled', 'Recyclage DEEE', '#78716c', 10, { terminal: true }),
  ],
  transitions: [
    ...chain(MACHINE_LINE),
    { from: 'reserved', to: 'ready', actions: [] },
    ...BEFORE_RESERVED.flatMap((from) => [
      { from, to: 'dismantled', actions: [] },
      { from, to: 'recycled', actions: [] },
    ]),
  ],
};

const PRESCRIPTION_LINE = ['received', 'reviewing', 'accepted', 'machine_reserved', 'handed_over', 'closed'];

/** Reçue → En étude → Acceptée → Machine réservée → Remise → Suivi clos; exits Refusée and Retirée. */
export const PRESCRIPTION_WORKFLOW: WorkflowDef = {
  key: 'prescriptions',
  name: 'Suivi des prescriptions',
  contentType: PRESCRIPTION_UID,
  stages: [
    stage('received', 'Reçue', '#6b7280', 0),
    stage('reviewing', 'En étude', '#8b5cf6', 1),
    stage('accepted', 'Acceptée', '#3b82f6', 2, { enterRoles: [COORDINATION] }),
    stage('machine_reserved', 'Machine réservée', '#0ea5e9', 3, { enterRoles: [COORDINATION] }),
    stage('handed_over', 'Remise', '#22c55e', 4, { enterRoles: [COORDINATION] }),
    stage('closed', 'Suivi clos', '#15803d', 5, { terminal: true }),
    stage('refused', 'Refusée', '#ef4444', 6, { terminal: true, enterRoles: [COORDINATION] }),
    stage('withdrawn', 'Retirée', '#78716c', 7, { terminal: true }),
  ],
  transitions: [
    ...chain(PRESCRIPTION_LINE),
    { from: 'machine_reserved', to: 'accepted', actions: [] },
    { from: 'received', to: 'refused', actions: [] },
    { from: 'reviewing', to: 'refused', actions: [] },
    ...['received', 'reviewing', 'accepted', 'machine_reserved'].map((from) => ({ from, to: 'withdrawn', actions: [] })),
  ],
};

export const DEFAULT_WORKFLOWS = [MACHINE_WORKFLOW, PRESCRIPTION_WORKFLOW];
