import type { Core } from '@strapi/strapi';
import { pluginService } from './plugin-service';

/** Who an event names, as the pipeline records it. */
export interface EventActor {
  type: string;
  id: string | null;
  name: string;
}

/** A transaction (or the connection) to run statements on. */
export type Executor = Core.Strapi['db']['connection'];

/**
 * What the pipeline plugin offers a plugin that creates many records at once (the intake), as
 * `strapi.plugin('pipeline').service('bulk')`: the same first stage and first hash-chained event
 * a record created through the Document Service gets, written set-based.
 */
export interface BulkRecordsService {
  /** The stage a new record of this content type starts at; null when it has no workflow. */
  initialStage(uid: string): Promise<string | null>;
  /** Who the pipeline names on events for the current request (the app itself outside one). */
  currentActor(): EventActor;
  /**
   * Each new record's first event (kind `created`, seq 1, no previous hash), hashed exactly as
   * `history.append` hashes it, in one INSERT on the caller's transaction. Returns how many.
   */
  appendCreated(input: { executor: Executor; subjectType: string; subjectIds: string[]; toStage: string; actor: EventActor; at?: Date }): Promise<number>;
}

/** The pipeline's `bulk` service, or undefined when the pipeline plugin is not enabled. */
export const pipelineBulk = (strapi: Core.Strapi): BulkRecordsService | undefined => pluginService(strapi, 'pipeline', 'bulk');
