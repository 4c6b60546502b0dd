import type { Core } from '@strapi/strapi';
import { documentsRenderer, type ChromiumResolution, type RendererService } from '../../../../../shared/server/renderer';
import { CheckTimeout, REASONS, report, runCheck, withTimeout, type ReadinessReport } from '../domain/checks';

/** What the readiness check needs of a renderer. */
export type Renderer = Pick<RendererService, 'render'>;

export interface ReadinessOptions {
  /** Default: the documents plugin's renderer (the one that issues certificates). */
  renderer?: Renderer;
  /** Default: the documents plugin's Chromium, as its renderer finds it; skipped with a given renderer. */
  resolve?: () => ChromiumResolution;
  databaseTimeoutMs?: number;
  rendererTimeoutMs?: number;
}

export const DATABASE_TIMEOUT_MS = 2000;
export const RENDERER_TIMEOUT_MS = 10000;

const PROBE_HTML = '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body><p>Seconde Vie : contrôle de disponibilité.</p></body></html>';

/** The renderer's own errors are French and name no path: they may be shown. */
const isRenderError = (error: unknown): error is Error => error instanceof Error && error.name === 'RenderError';

export interface Readiness {
  check(options?: ReadinessOptions): Promise<ReadinessReport>;
}

export default ({ strapi }: { strapi: Core.Strapi }): Readiness => {
  let inflight: Promise<ReadinessReport> | null = null;

  const database = (ms: number) =>
    runCheck(
      async () => {
        await withTimeout(Promise.resolve(strapi.db.connection.raw('SELECT 1')), ms);
      },
      (error) => (error instanceof CheckTimeout ? REASONS.databaseTimeout(ms) : REASONS.databaseFailed),
    );

  const renderer = (options: ReadinessOptions, ms: number) =>
    runCheck(
      async () => {
        let target = options.renderer;
        if (!target) {
          const documents = documentsRenderer(strapi);
          const found = options.resolve ? options.resolve() : documents?.chromium();
          if (found && !found.ok) throw new Error(REASONS.chromiumMissing);
          if (!documents) throw new Error('documents plugin not enabled'); // reported as REASONS.rendererFailed
          target = documents;
        }
        const pdf = await withTimeout(target.render(PROBE_HTML), ms);
        if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(REASONS.rendererNotPdf);
      },
      (error) => {
        if (error instanceof CheckTimeout) return REASONS.rendererTimeout(ms);
        if (isRenderError(error)) return error.message;
        if (error instanceof Error && Object.values(REASONS).includes(error.message)) return error.message;
        return REASONS.rendererFailed;
      },
    );

  const run = async (options: ReadinessOptions): Promise<ReadinessReport> => {
    const [db, pdf] = await Promise.all([
      database(options.databaseTimeoutMs ?? DATABASE_TIMEOUT_MS),
      renderer(options, options.rendererTimeoutMs ?? RENDERER_TIMEOUT_MS),
    ]);
    return report({ database: db, renderer: pdf });
  };

  return {
    /** Both checks at once; probes arriving meanwhile share the run in progress (default options only). */
    check(options = {}) {
      if (Object.keys(options).length > 0) return run(options);
      inflight ??= run(options).finally(() => {
        inflight = null;
      });
      return inflight;
    },
  };
};
