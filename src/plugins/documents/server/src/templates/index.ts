import { bilan } from './bilan';
import { donationErasureCertificate } from './donation-erasure-certificate';
import { erasureCertificate } from './erasure-certificate';
import { handoverReceipt } from './handover-receipt';
import { labelCertificate } from './label-certificate';
import { labelRoll } from './label-roll';
import { labelSheet } from './label-sheet';
import { outreachLetters } from './outreach-letters';
import { membershipConvention } from './membership-convention';
import { partnershipConvention } from './partnership-convention';
import { prescriptionForm } from './prescription-form';
import { thankYouLetter } from './thank-you-letter';
import { traceabilityReport } from './traceability-report';
import { transferSlip } from './transfer-slip';
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
  labelCertificate,
  thankYouLetter,
  outreachLetters,
  bilan,
  transferSlip,
];

export type { DefaultTemplate };
