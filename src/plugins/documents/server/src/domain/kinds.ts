/** The documents the workshop issues, what record each is about, and its number prefix. */
export const TEMPLATE_KINDS = [
  'erasure-certificate',
  'donation-erasure-certificate',
  'partnership-convention',
  'membership-convention',
  'prescription-form',
  'handover-receipt',
  'traceability-report',
  'label-sheet',
  'label-certificate',
  'thank-you-letter',
  'outreach-letters',
  'bilan',
  'transfer-slip',
] as const;

export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface KindInfo {
  label: string;
  targetUid: string;
  prefix: string;
}

export const KINDS: Record<TemplateKind, KindInfo> = {
  'erasure-certificate': { label: "Attestation d'effacement des données", targetUid: 'api::machine.machine', prefix: 'ATT' },
  'donation-erasure-certificate': { label: "Attestations d'effacement d'un lot", targetUid: 'api::donation.donation', prefix: 'ATT' },
  'partnership-convention': { label: 'Convention de partenariat', targetUid: 'api::convention.convention', prefix: 'CNV' },
  'membership-convention': { label: "Convention d'adhésion", targetUid: 'api::convention.convention', prefix: 'CNV' },
  'prescription-form': { label: 'Fiche de prescription', targetUid: 'api::prescription.prescription', prefix: 'FP' },
  'handover-receipt': { label: 'Récépissé de remise', targetUid: 'api::prescription.prescription', prefix: 'REM' },
  'traceability-report': { label: 'Rapport de traçabilité', targetUid: 'api::donation.donation', prefix: 'RAP' },
  'label-sheet': { label: "Planche d'étiquettes", targetUid: 'api::donation.donation', prefix: 'ETQ' },
  'label-certificate': { label: 'Attestation de donateur labellisé Ordi 2.0', targetUid: 'api::donor.donor', prefix: 'LAB' },
  'thank-you-letter': { label: 'Lettre de remerciement annuelle', targetUid: 'api::donor.donor', prefix: 'MRC' },
  'outreach-letters': { label: "Courriers d'une campagne", targetUid: 'plugin::outreach.campaign', prefix: 'CRR' },
  bilan: { label: "Bilan d'activité", targetUid: 'plugin::reporting.report', prefix: 'BIL' },
  // Numbered by the sending workshop (the slip goes with the goods): BT-2026-000001, BT-MX-2026-000001.
  'transfer-slip': { label: 'Bordereau de transfert', targetUid: 'plugin::network.transfer', prefix: 'BT' },
};

/** The records of its type a kind applies to, beyond the type (a convention's own kind), as a where clause. */
export const KIND_WHERE: Partial<Record<TemplateKind, Record<string, string>>> = {
  'partnership-convention': { kind: 'partnership' },
  'membership-convention': { kind: 'membership' },
};

/** Whether a template of this kind applies to this record (a record not loaded yet: every kind of its type). */
export const appliesTo = (kind: TemplateKind, record?: Record<string, unknown> | null): boolean =>
  !record || Object.entries(KIND_WHERE[kind] ?? {}).every(([field, value]) => record[field] === undefined || record[field] === value);

export const isTemplateKind = (value: unknown): value is TemplateKind =>
  typeof value === 'string' && (TEMPLATE_KINDS as readonly string[]).includes(value);

/**
 * `ATT-2012-000123`: prefix, year, a six-digit sequence per prefix and year. A workshop of the
 * network other than the default one puts its code after the prefix and counts on its own
 * (`ATT-MO-2026-000001`), as its yearly records do (`LOT-MO-2026-001`): the default workshop's
 * numbers keep the form printed on every document issued before the network.
 */
export function formatDocumentNumber(prefix: string, year: number, sequence: number, workshopCode?: string | null): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`séquence invalide : ${sequence}`);
  return `${prefix}-${workshopCode ? `${workshopCode}-` : ''}${year}-${String(sequence).padStart(6, '0')}`;
}

/** The counter scope of a document series (shared table sv_counters): one per prefix, workshop code (none for the default one) and year. */
export const documentCounterScope = (prefix: string, year: number, workshopCode?: string | null) => `doc:${prefix}-${workshopCode ? `${workshopCode}-` : ''}${year}`;

export const DOCUMENT_NUMBER = /^[A-Z]{2,4}-(?:[A-Z0-9]{1,6}-)?\d{4}-\d{6,}$/;
