import type { Context } from 'koa';
import { ConflictError } from '../errors';

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
