export interface IntakeConfig {
  /** Rows written per transaction: a file up to this size is imported all or nothing. */
  transactionRows: number;
}

export default {
  default: { transactionRows: 1000 } satisfies IntakeConfig,
  validator(config: Partial<IntakeConfig>): void {
    const rows = config.transactionRows;
    if (rows !== undefined && (!Number.isInteger(rows) || rows < 1)) {
      throw new Error('intake: transactionRows doit être un entier positif.');
    }
  },
};
