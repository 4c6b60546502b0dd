import crypto from 'node:crypto';
import type { ChainReport } from '../../../shared/contracts';

/** The chain check's answer (shared with the admin's history panel). */
export type { ChainReport };

/** What an event's hash covers: everything but its own id and hash. */
export interface EventPayload {
  subjectType: string;
  subjectId: string;
  seq: number;
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
  details: unknown;
  prevHash: string | null;
}

/** JSON with keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function eventHash(payload: EventPayload): string {
  return crypto.createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

export interface StoredEvent extends EventPayload {
  id: number;
  hash: string;
}

/** The stage a record's history leads to: the destination of its last creation or move. */
export function recordedStage(events: StoredEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i -= 1) if (events[i].toStage) return events[i].toStage;
  return null;
}

/**
 * Checks a record's events, in sequence order: each links to the previous and hashes right.
 * With `currentStage` (the record's stage as stored), also that the history leads there: a stage
 * written without an event (a raw UPDATE) breaks the chain of custody as surely as an edited event.
 */
export function verifyChain(events: StoredEvent[], currentStage?: string | null, label: (key: string) => string = (key) => key): ChainReport {
  let prev: string | null = null;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { valid: false, events: events.length, brokenAt: e.seq, reason: `événement n°${i + 1} manquant` };
    if (e.prevHash !== prev) return { valid: false, events: events.length, brokenAt: e.seq, reason: "lien vers l'événement précédent rompu" };
    const { id: _id, hash, ...payload } = e;
    if (eventHash(payload) !== hash) return { valid: false, events: events.length, brokenAt: e.seq, reason: 'contenu modifié après coup' };
    prev = hash;
  }
  if (currentStage !== undefined) {
    const recorded = recordedStage(events);
    if ((currentStage ?? null) !== recorded) {
      const last = [...events].reverse().find((e) => e.toStage);
      const name = (key: string | null) => (key ? `« ${label(key)} »` : 'aucune étape');
      return {
        valid: false,
        events: events.length,
        brokenAt: last?.seq ?? 0,
        reason: `étape changée hors de la chaîne : la fiche est à ${name(currentStage ?? null)}, son dernier passage enregistré mène à ${name(recorded)}`,
        stageMismatch: { current: currentStage ?? null, recorded },
      };
    }
  }
  return { valid: true, events: events.length };
}
