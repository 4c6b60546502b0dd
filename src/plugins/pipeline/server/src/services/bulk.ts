import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import type { BulkRecordsService } from '../../../../../shared/bulk-records';
import { actorFromContext, SYSTEM_ACTOR } from '../actor';
import { now } from '../../../../../shared/server/clock';
import { eventHash, type EventPayload } from '../domain/chain';
import { initialStage } from '../domain/workflow';
import { getService } from '../utils';

const EVENTS_TABLE = 'sv_pipeline_events';

/**
 * The bulk entry point other plugins use to create many records at once (see
 * src/shared/bulk-records.ts): the same first stage and first event as the Document Service
 * middleware in register.ts gives one record, written in one statement.
 */
export default ({ strapi }: { strapi: Core.Strapi }): BulkRecordsService => ({
  async initialStage(uid) {
    const workflow = await getService(strapi, 'workflows').forContentType(uid);
    return workflow ? initialStage(workflow).key : null;
  },

  currentActor() {
    const request = strapi.requestContext.get();
    const actor = request ? actorFromContext(request) : SYSTEM_ACTOR;
    return { type: actor.type, id: actor.id, name: actor.name };
  },

  async appendCreated({ executor, subjectType, subjectIds, toStage, actor, at }) {
    if (subjectIds.length === 0) return 0;
    const stamp = at ?? now();
    const payloads = subjectIds.map(
      (subjectId): EventPayload => ({
        subjectType, subjectId, seq: 1, kind: 'created', fromStage: null, toStage,
        actorType: actor.type, actorId: actor.id, actorName: actor.name, at: stamp.toISOString(), details: {}, prevHash: null,
      }),
    );
    const written = new Date();
    const column = <K extends keyof EventPayload>(key: K) => payloads.map((p) => p[key]);
    // Set-based INSERT: one statement for every record instead of one Query Engine create each.
    // The unique (subject_type, subject_id, seq) index refuses a second first event.
    await executor.raw(
      `INSERT INTO ${EVENTS_TABLE}
         (document_id, subject_type, subject_id, seq, kind, from_stage, to_stage, actor_type, actor_id, actor_name, at,
          details, prev_hash, hash, created_at, updated_at, published_at, created_by_id, updated_by_id, locale)
       SELECT e.document_id, ?, e.subject_id, 1, 'created', NULL, ?, ?, ?, ?, ?, '{}'::jsonb, NULL, e.hash, ?, ?, ?, NULL, NULL, NULL
         FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS e(document_id, subject_id, hash)`,
      [
        // Published at creation, as the Query Engine stamps a record without draft & publish.
        subjectType, toStage, actor.type, actor.id, actor.name, stamp, written, written, written,
        payloads.map(() => createId()), column('subjectId'), payloads.map(eventHash),
      ],
    );
    return payloads.length;
  },
});
