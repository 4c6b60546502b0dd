/** One check's outcome; `reason` is French and names no path, address or credential. */
export type CheckResult = { status: 'ok' } | { status: 'error'; reason: string };

export interface ReadinessReport {
  status: 'ok' | 'error';
  checks: Record<string, CheckResult>;
}

export const REASONS = {
  databaseTimeout: (ms: number) => `La base de données ne répond pas (pas de réponse en ${ms / 1000} s).`,
  databaseFailed: 'La base de données refuse la requête de contrôle ou est injoignable.',
  chromiumMissing: "Chromium introuvable : le journal de démarrage de l'application dit quoi installer ou régler.",
  rendererTimeout: (ms: number) => `Le moteur de rendu n'a pas produit de PDF en ${ms / 1000} s.`,
  rendererFailed: "Le moteur de rendu n'a pas produit de PDF.",
  rendererNotPdf: "Le moteur de rendu a répondu autre chose qu'un PDF.",
};

/** Thrown by `withTimeout` when the work took too long. */
export class CheckTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timeout ${ms} ms`);
    this.name = 'CheckTimeout';
  }
}

/** `work`, or a CheckTimeout after `ms`; a late rejection of `work` is swallowed. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `check`; any failure becomes `{ status: 'error', reason }` through `explain`, never the raw error. */
export async function runCheck(check: () => Promise<void>, explain: (error: unknown) => string): Promise<CheckResult> {
  try {
    await check();
    return { status: 'ok' };
  } catch (error) {
    return { status: 'error', reason: explain(error) };
  }
}

export function report(checks: Record<string, CheckResult>): ReadinessReport {
  return { status: Object.values(checks).every((c) => c.status === 'ok') ? 'ok' : 'error', checks };
}
