/**
 * One 409 convention for every plugin: a move or a write refused by the state of the data throws
 * a ConflictError, and a controller body run through `withConflicts` answers it with 409, the
 * French message and its details (the rule, the current stage). Used by the pipeline and
 * relations plugins; see docs/architecture.md.
 */
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

/** A move refused by the state of the data (a rule, a concurrent move): answered with 409. */
export class ConflictError extends errors.ApplicationError<'ConflictError', string, Record<string, unknown>> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    this.name = 'ConflictError';
  }
}

type ConflictContext = Context & { conflict(message: string, details?: unknown): void };

/** Runs a controller body; a refused move answers 409 with the rule and the current stage. */
export async function withConflicts(ctx: Context, fn: () => Promise<unknown>): Promise<void> {
  try {
    const body = await fn();
    if (body !== undefined) ctx.body = body;
  } catch (error) {
    if (error instanceof ConflictError) {
      (ctx as ConflictContext).conflict(error.message, error.details);
      return;
    }
    throw error;
  }
}
