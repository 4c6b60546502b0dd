import type { TemplateKind } from './kinds';

/**
 * Who may read a document of each kind: a document shows its record's data, and sometimes other
 * records' (a prescription form names the household), so reading it needs what reading those
 * records needs. The record itself is checked with the content manager's permission checker
 * (conditions included); `types` are the other content types the document reveals, checked at type
 * level; `action` replaces the record check for records that live in a plugin (campaign, bilan).
 */
export interface ReadRule {
  /** The other content types whose data the document shows. */
  types: string[];
  /** A plugin permission that stands for the record check (records outside the content manager). */
  action?: string;
}

const PRESCRIPTION = 'api::prescription.prescription';
const HOUSEHOLD = 'api::household.household';

export const READ_RULES: Record<TemplateKind, ReadRule> = {
  'erasure-certificate': { types: [] },
  'donation-erasure-certificate': { types: [] },
  'label-sheet': { types: [] },
  // Where each unit went: the prescriptions (and their households' communes).
  'traceability-report': { types: [PRESCRIPTION] },
  'partnership-convention': { types: [] },
  'membership-convention': { types: [] },
  'prescription-form': { types: [HOUSEHOLD] },
  'handover-receipt': { types: [HOUSEHOLD] },
  'label-certificate': { types: [] },
  'thank-you-letter': { types: [] },
  'outreach-letters': { types: [], action: 'plugin::outreach.read' },
  bilan: { types: [], action: 'plugin::reporting.read' },
  // A transfer is no content-manager record: reading transfers stands for it (its two workshops'
  // scope is scope.ts's), and the slip lists the units (label, type, model, serial).
  'transfer-slip': { types: ['api::machine.machine'], action: 'plugin::network.transfers.read' },
};
