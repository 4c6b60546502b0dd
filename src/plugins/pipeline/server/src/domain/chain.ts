import crypto from 'node:crypto';

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

export type ChainReport =
  | { valid: true; events: number }
  | { valid: false; events: number; brokenAt: number; reason: string };

/** Checks a record's events, in sequence order: each links to the previous and hashes right. */
export function verifyChain(events: StoredEvent[]): ChainReport {
  let prev: string | null = null;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { valid: false, events: events.length, brokenAt: e.seq, reason: `événement n°${i + 1} manquant` };
    if (e.prevHash !== prev) return { valid: false, events: events.length, brokenAt: e.seq, reason: "lien vers l'événement précédent rompu" };
    const { id: _id, hash, ...payload } = e;
    if (eventHash(payload) !== hash) return { valid: false, events: events.length, brokenAt: e.seq, reason: 'contenu modifié après coup' };
    prev = hash;
  }
  return { valid: true, events: events.length };
}
