import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15000;
/** After the drain, the rest of Strapi's destroy (plugins, sockets, pool) gets this long before a forced exit. */
const CLOSE_GRACE_MS = 10000;

/** SHUTDOWN_TIMEOUT_MS: how long requests in flight get to finish after SIGTERM (ms, default 15 s). */
export function shutdownTimeoutMs(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`SHUTDOWN_TIMEOUT_MS doit être un nombre entier de millisecondes (reçu « ${value} »).`);
  return ms;
}

export const SHUTDOWN_MESSAGES = {
  draining: (inflight: number, ms: number) =>
    `Arrêt demandé : plus aucune nouvelle connexion ; ${inflight} requête(s) en cours, terminées en ${ms / 1000} s au plus.`,
  cut: (inflight: number, ms: number) => `Arrêt : ${inflight} requête(s) encore en cours après ${ms / 1000} s, interrompue(s).`,
  forced: (ms: number) => `Arrêt forcé : l'application ne s'est pas fermée en ${ms / 1000} s.`,
};

/** Counts the requests a server is answering, and can wait for them to end. */
export function trackRequests(server: Server) {
  const inflight = new Set<ServerResponse>();
  let waiters: Array<() => void> = [];
  let draining = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inflight.add(res);
    // A client holding a keep-alive connection must not send its next request to a closing app.
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inflight.delete(res);
      if (inflight.size === 0) for (const wake of waiters.splice(0)) wake();
    });
  });
  return {
    get count() {
      return inflight.size;
    },
    /** Resolves when no request is in flight, or after `ms`; true when all ended. */
    async drain(ms: number): Promise<boolean> {
      draining = true;
      for (const res of inflight) if (!res.headersSent) res.setHeader('Connection', 'close');
      if (inflight.size === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        new Promise<boolean>((resolve) => waiters.push(() => resolve(true))),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), ms);
        }),
      ]);
      clearTimeout(timer);
      waiters = [];
      return ended;
    },
  };
}

/**
 * Strapi's SIGTERM handler calls `strapi.destroy()`, which closes the plugins (the PDF renderer
 * first) and then cuts every open socket: requests in flight would die half-answered. This puts a
 * drain in front of it: stop accepting connections, let the requests in flight end (at most
 * `timeoutMs`), then Strapi's own destroy. A destroy that still hangs ends in a forced exit.
 */
/** `closeGraceMs`: how long closing itself (jobs handed back, plugins closed) may take after the drain. */
export function gracefulShutdown(strapi: Core.Strapi, timeoutMs: number, closeGraceMs = CLOSE_GRACE_MS): void {
  const server = strapi.server.httpServer;
  const requests = trackRequests(server);
  const destroy = strapi.destroy.bind(strapi);
  let closing: Promise<void> | null = null;
  strapi.destroy = () => {
    closing ??= (async () => {
      const forced = setTimeout(() => {
        strapi.log.error(SHUTDOWN_MESSAGES.forced(timeoutMs + closeGraceMs));
        process.exit(1);
      }, timeoutMs + closeGraceMs);
      forced.unref();
      try {
        // Refuses new connections now; idle keep-alive sockets are closed by Node (>= 19).
        if (server.listening) server.close();
        if (requests.count > 0) {
          strapi.log.info(SHUTDOWN_MESSAGES.draining(requests.count, timeoutMs));
          if (!(await requests.drain(timeoutMs))) strapi.log.warn(SHUTDOWN_MESSAGES.cut(requests.count, timeoutMs));
        }
        await destroy();
      } finally {
        clearTimeout(forced);
      }
    })();
    return closing;
  };
}
