import { bilan } from './bilan';
import { donationErasureCertificate } from './donation-erasure-certificate';
import { erasureCertificate } from './erasure-certificate';
import { handoverReceipt } from './handover-receipt';
import { labelRoll } from './label-roll';
import { labelSheet } from './label-sheet';
import { membershipConvention } from './membership-convention';
import { partnershipConvention } from './partnership-convention';
import { prescriptionForm } from './prescription-form';
import { traceabilityReport } from './traceability-report';
import type { DefaultTemplate } from './types';

/** The templates the app ships, installed at first boot and upgraded unless staff edited them. */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  erasureCertificate,
  donationErasureCertificate,
  partnershipConvention,
  membershipConvention,
  prescriptionForm,
  handoverReceipt,
  traceabilityReport,
  labelSheet,
  labelRoll,
  bilan,
];

export type { DefaultTemplate };
