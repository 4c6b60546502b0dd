/** Payloads of the relations plugin's admin routes, shared by the server and the admin pages. */
import { frenchLabels } from '../../../shared/labels';

/** The steps of a donor relationship, in the board's order (the donor's `relationship` attribute). */
export const RELATIONSHIPS = ['prospect', 'contacted', 'meeting', 'negotiating', 'partner', 'inactive'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RELATIONSHIP_LABELS = frenchLabels(RELATIONSHIPS);

export interface NextStep {
  interactionDocumentId: string;
  text: string;
  due: string | null;
  owner: { id: number; name: string } | null;
  overdue: boolean;
}

export interface BoardCard {
  documentId: string;
  name: string;
  relationship: Relationship;
  labelled: boolean;
  /** The workshop of the network that follows this (shared) donor, « suivi par »; null: none yet (the first to move it). */
  followedBy: { id: number; name: string } | null;
  lastInteraction: { date: string; kind: string; summary: string } | null;
  nextStep: NextStep | null;
}

export interface BoardColumn {
  relationship: Relationship;
  label: string;
  count: number;
  cards: BoardCard[];
}

export interface ExpiringConvention {
  documentId: string;
  number: string;
  party: string;
  endDate: string;
  alertedAt: string | null;
  renewal: string | null;
}

export interface Board {
  today: string;
  columns: BoardColumn[];
  expiring: ExpiringConvention[];
}

export interface StaffMember {
  id: number;
  name: string;
}

export interface Pickup {
  documentId: string;
  plannedAt: string;
  site: string;
  contactName: string | null;
  contactPhone: string | null;
  expectedCount: number | null;
  volunteers: string | null;
  vehicle: string | null;
  state: 'planned' | 'done' | 'cancelled';
  donor: { documentId: string; name: string } | null;
  convention: { documentId: string; number: string } | null;
  donation: { documentId: string; reference: string } | null;
}

export interface SignedConvention {
  documentId: string;
  number: string;
  donor: string;
  site: string | null;
}

export const CONVENTION_STATES = ['draft', 'sent', 'signed', 'expired', 'renewed', 'terminated'] as const;
export type ConventionState = (typeof CONVENTION_STATES)[number];

export const CONVENTION_STATE_LABELS = frenchLabels(CONVENTION_STATES);

export interface ConventionSummary {
  documentId: string;
  number: string;
  state: ConventionState;
  moves: ConventionState[];
  canRenew: boolean;
  contactEmail: string | null;
  renewalOf: { documentId: string; number: string } | null;
  renewedBy: { documentId: string; number: string; state: ConventionState } | null;
  expiryAlertedAt: string | null;
}
