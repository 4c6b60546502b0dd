export interface OutreachConfig {
  /** E-mails sent per minute at most (OUTREACH_SEND_PER_MINUTE). */
  sendPerMinute: number;
  /** When coordinators are told how many recipients are due a reminder (cron rule, Europe/Paris time). */
  reminderCron: string;
}

export default {
  default: { sendPerMinute: 30, reminderCron: '0 8 * * *' } satisfies OutreachConfig,
  validator(config: OutreachConfig) {
    if (!Number.isInteger(config.sendPerMinute) || config.sendPerMinute < 1 || config.sendPerMinute > 6000) {
      throw new Error('outreach.sendPerMinute (OUTREACH_SEND_PER_MINUTE) : un nombre entier entre 1 et 6000.');
    }
  },
};
