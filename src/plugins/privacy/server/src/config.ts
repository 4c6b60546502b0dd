export interface PrivacyConfig {
  /** Months household data is kept after the last contact (HOUSEHOLD_RETENTION_MONTHS). */
  retentionMonths: number;
  /** When the daily anonymisation runs (cron rule, Europe/Paris time). */
  retentionCron: string;
  /** Months a departed volunteer's contact details are kept after their end date (VOLUNTEER_RETENTION_MONTHS). */
  volunteerRetentionMonths: number;
  /** Months a candidate volunteer who never joined is kept after their consent (CANDIDATE_RETENTION_MONTHS). */
  candidateRetentionMonths: number;
}

export default {
  default: { retentionMonths: 24, retentionCron: '0 3 * * *', volunteerRetentionMonths: 24, candidateRetentionMonths: 12 } satisfies PrivacyConfig,
  validator(config: PrivacyConfig) {
    if (!Number.isInteger(config.retentionMonths) || config.retentionMonths < 1 || config.retentionMonths > 120) {
      throw new Error('privacy.retentionMonths (HOUSEHOLD_RETENTION_MONTHS) : un nombre entier de mois entre 1 et 120.');
    }
    if (!Number.isInteger(config.volunteerRetentionMonths) || config.volunteerRetentionMonths < 1 || config.volunteerRetentionMonths > 120) {
      throw new Error('privacy.volunteerRetentionMonths (VOLUNTEER_RETENTION_MONTHS) : un nombre entier de mois entre 1 et 120.');
    }
    if (!Number.isInteger(config.candidateRetentionMonths) || config.candidateRetentionMonths < 1 || config.candidateRetentionMonths > 60) {
      throw new Error('privacy.candidateRetentionMonths (CANDIDATE_RETENTION_MONTHS) : un nombre entier de mois entre 1 et 60.');
    }
  },
};
