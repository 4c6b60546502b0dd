import type { Core } from '@strapi/strapi';
import type { PipelineEvent } from '../../../shared/contracts';
import type { Actor } from '../actor';
import { now } from '../../../../../shared/server/clock';
import { getService } from '../utils';
import { eventHash, verifyChain, type ChainReport, type EventPayload, type StoredEvent } from '../domain/chain';

const EVENT = 'plugin::pipeline.event';

export type EventKind = PipelineEvent['kind'];

export interface NewEvent {
  subjectType: string;
  subjectId: string;
  kind: EventKind;
  fromStage?: string | null;
  toStage?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/**
 * The chain of custody: append-only events, each holding the hash of the previous event of
 * the same record. Callers hold the record's row lock, so a record's events never race.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async append(event: NewEvent, actor: Actor): Promise<StoredEvent> {
    const last = (await strapi.db.query(EVENT).findOne({
      where: { subjectType: event.subjectType, subjectId: event.subjectId },
      orderBy: { seq: 'desc' },
      select: ['seq', 'hash'],
    })) as { seq: number; hash: string } | null;
    const payload: EventPayload = {
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      seq: (last?.seq ?? 0) + 1,
      kind: event.kind,
      fromStage: event.fromStage ?? null,
      toStage: event.toStage ?? null,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      at: (event.at ?? now()).toISOString(),
      // The volunteer at the bench on a shared account is part of the hashed event (« Qui est au poste »).
      details: actor.operator ? { ...(event.details ?? {}), operator: { volunteer: actor.operator.volunteer, name: actor.operator.name } } : event.details ?? {},
      prevHash: last?.hash ?? null,
    };
    const hash = eventHash(payload);
    const created = (await strapi.db.query(EVENT).create({ data: { ...payload, hash } })) as { id: number };
    return { ...payload, id: created.id, hash };
  },

  async list(subjectType: string, subjectId: string): Promise<StoredEvent[]> {
    const rows = (await strapi.db.query(EVENT).findMany({
      where: { subjectType, subjectId },
      orderBy: { seq: 'asc' },
    })) as Array<StoredEvent & { at: string | Date }>;
    // The database hands datetimes back as Date objects; the hash was computed on the ISO string.
    return rows.map((r) => ({
      id: r.id, subjectType: r.subjectType, subjectId: r.subjectId, seq: r.seq, kind: r.kind,
      fromStage: r.fromStage ?? null, toStage: r.toStage ?? null, actorType: r.actorType,
      actorId: r.actorId ?? null, actorName: r.actorName ?? null,
      at: new Date(r.at).toISOString(), details: r.details ?? {}, prevHash: r.prevHash ?? null, hash: r.hash,
    }));
  },

  /**
   * The chain check: every event hashes right and links to the previous, and the record's stage
   * is the one its last move led to.
   */
  async verify(subjectType: string, subjectId: string): Promise<ChainReport> {
    const events = await this.list(subjectType, subjectId);
    const workflow = await getService(strapi, 'workflows').forContentType(subjectType);
    if (!workflow) return verifyChain(events);
    const record = (await strapi.db.query(subjectType as 'api::machine.machine').findOne({ where: { documentId: subjectId }, select: ['pipelineStage'] })) as {
      pipelineStage: string | null;
    } | null;
    if (!record) return verifyChain(events);
    return verifyChain(events, record.pipelineStage, (key) => workflow.stages.find((s) => s.key === key)?.label ?? key);
  },
});
