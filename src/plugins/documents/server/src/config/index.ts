/** Settings of the documents plugin (config/plugins.ts `documents.config`, or env vars). */
export interface DocumentsConfig {
  /** Pages rendered at the same time in the one browser. */
  poolSize: number;
  /** A render taking longer fails, and the browser is killed (it may hang). */
  renderTimeoutMs: number;
  /** The browser is relaunched after this many renders, to bound its memory. */
  restartEvery: number;
}

const int = (value: string | undefined, fallback: number) => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export default {
  default: (): DocumentsConfig => ({
    poolSize: int(process.env.DOCUMENTS_POOL_SIZE, 2),
    renderTimeoutMs: int(process.env.DOCUMENTS_RENDER_TIMEOUT_MS, 30000),
    restartEvery: int(process.env.DOCUMENTS_RESTART_EVERY, 200),
  }),
  validator(config: DocumentsConfig): void {
    for (const key of ['poolSize', 'renderTimeoutMs', 'restartEvery'] as const) {
      if (!Number.isInteger(config[key]) || config[key] < 1) {
        throw new Error(`documents: "${key}" doit être un entier positif.`);
      }
    }
  },
};
