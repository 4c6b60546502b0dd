export interface RelationsConfig {
  /** When the next-steps digest is sent (cron rule, Europe/Paris time; RELATIONS_DIGEST_CRON). */
  digestCron: string;
  /** When conventions are checked for expiry (cron rule, Europe/Paris time; RELATIONS_EXPIRY_CRON). */
  expiryCron: string;
}

export default {
  default: { digestCron: '0 7 * * 1-5', expiryCron: '30 6 * * *' } satisfies RelationsConfig,
  validator(config: RelationsConfig) {
    for (const key of ['digestCron', 'expiryCron'] as const) {
      if (typeof config[key] !== 'string' || config[key].trim().split(/\s+/).length < 5) {
        throw new Error(`relations.${key} : une règle cron (ex. « 0 7 * * 1-5 »).`);
      }
    }
  },
};
