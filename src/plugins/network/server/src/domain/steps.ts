/**
 * A transfer's life (docs/network.md, « Transferts »): pure rules, no database.
 *
 *   request:  requested ─answer→ proposed            (a workshop asks the network; another answers)
 *   offer:    proposed ─accept→ accepted ─ship→ shipped ─receive→ received
 *             proposed ─refuse→ refused;  requested/proposed/accepted ─cancel→ cancelled
 *
 * Units and parts of an open transfer (proposed, accepted, shipped) cannot be moved by either
 * workshop until received or closed.
 */
export const TRANSFER_STATES = ['requested', 'proposed', 'accepted', 'shipped', 'received', 'refused', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** States in which the transfer holds its units: neither workshop moves them. */
export const OPEN_STATES: readonly TransferState[] = ['proposed', 'accepted', 'shipped'];

export const TRANSFER_STEPS = ['accept', 'refuse', 'ship', 'receive', 'cancel'] as const;
export type TransferStep = (typeof TRANSFER_STEPS)[number];

/** Which workshop acts: the sender (`from`) or the receiver (`to`). */
export type Side = 'from' | 'to';

interface StepRule {
  from: readonly TransferState[];
  to: TransferState;
  /** The side that acts, by the state the transfer is in. */
  side: (state: TransferState) => Side;
  /** The timestamp the step sets. */
  at: 'acceptedAt' | 'shippedAt' | 'receivedAt' | 'closedAt';
}

export const STEP_RULES: Record<TransferStep, StepRule> = {
  accept: { from: ['proposed'], to: 'accepted', side: () => 'to', at: 'acceptedAt' },
  refuse: { from: ['proposed'], to: 'refused', side: () => 'to', at: 'closedAt' },
  ship: { from: ['accepted'], to: 'shipped', side: () => 'from', at: 'shippedAt' },
  receive: { from: ['shipped'], to: 'received', side: () => 'to', at: 'receivedAt' },
  // A request is withdrawn by the workshop that asked; an offer by the workshop that offered.
  cancel: { from: ['requested', 'proposed', 'accepted'], to: 'cancelled', side: (state) => (state === 'requested' ? 'to' : 'from'), at: 'closedAt' },
};

export const STATE_LABELS: Record<TransferState, string> = {
  requested: 'Demande au réseau',
  proposed: 'Proposé',
  accepted: 'Accepté',
  shipped: 'Expédié',
  received: 'Reçu',
  refused: 'Refusé',
  cancelled: 'Annulé',
};

export const STEP_LABELS: Record<TransferStep, string> = {
  accept: 'accepter',
  refuse: 'refuser',
  ship: 'marquer expédié',
  receive: 'marquer reçu',
  cancel: 'annuler',
};

export const isStep = (value: unknown): value is TransferStep => typeof value === 'string' && (TRANSFER_STEPS as readonly string[]).includes(value);

/** Why a step cannot be taken from a state, in French; null when it can. */
export function stepRefusal(step: TransferStep, state: TransferState): string | null {
  const rule = STEP_RULES[step];
  if (rule.from.includes(state)) return null;
  const verb = STEP_LABELS[step];
  return `Impossible ${/^[aeioué]/.test(verb) ? 'd’' : 'de '}${verb} ce transfert : il est à l’état « ${STATE_LABELS[state]} ».`;
}

/** The steps a workshop on `side` may take now. */
export function availableSteps(state: TransferState, sides: readonly Side[]): TransferStep[] {
  return TRANSFER_STEPS.filter((step) => STEP_RULES[step].from.includes(state) && sides.includes(STEP_RULES[step].side(state)));
}

export interface PartLineInput {
  part: string;
  quantity: number;
}

/** A proposal's shape, checked before any database read: French messages by field. */
export function proposalProblems(input: { machines?: unknown; parts?: unknown; notes?: unknown }): string[] {
  const problems: string[] = [];
  const machines = input.machines ?? [];
  const parts = input.parts ?? [];
  if (!Array.isArray(machines) || machines.some((m) => typeof m !== 'string' || m.length === 0 || m.length > 40)) problems.push('« machines » : une liste d’identifiants de machines.');
  else if (new Set(machines).size !== machines.length) problems.push('« machines » : une machine figure deux fois.');
  else if (machines.length > 500) problems.push('« machines » : 500 machines au plus par transfert.');
  if (!Array.isArray(parts) || parts.some((p) => !p || typeof p !== 'object' || typeof (p as PartLineInput).part !== 'string' || !Number.isInteger((p as PartLineInput).quantity) || (p as PartLineInput).quantity < 1 || (p as PartLineInput).quantity > 10000)) {
    problems.push('« parts » : une liste de { part, quantity } avec une quantité entière de 1 à 10 000.');
  } else if (new Set((parts as PartLineInput[]).map((p) => p.part)).size !== parts.length) problems.push('« parts » : une pièce figure deux fois.');
  if (problems.length === 0 && (machines as unknown[]).length === 0 && (parts as unknown[]).length === 0) problems.push('Un transfert cède au moins une machine ou une pièce.');
  if (input.notes != null && (typeof input.notes !== 'string' || input.notes.length > 2000)) problems.push('« notes » : un texte de 2 000 caractères au plus.');
  return problems;
}
