export interface IntakeConfig {
  /** The most data rows one import takes (all or nothing, one transaction). */
  maxRows: number;
  /** Up to this many rows an import answers when done; above, it runs as a job (unless asked otherwise). */
  syncRows: number;
}

export default {
  default: { maxRows: 20000, syncRows: 2000 } satisfies IntakeConfig,
  validator(config: Partial<IntakeConfig>): void {
    for (const key of ['maxRows', 'syncRows'] as const) {
      const value = config[key];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`intake: ${key} doit être un entier positif.`);
    }
  },
};
