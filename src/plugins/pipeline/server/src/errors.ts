import { errors } from '@strapi/utils';

// ConflictError (409) lives in the kernel, src/shared/server/errors.ts: relations throws it too.

/**
 * A stage the caller's role may not enter: 403 with a French message and `details.rule`.
 * A PolicyError, because Strapi replaces any other 403 thrown past its authorize step by a bare
 * English « Forbidden » (@strapi/core compose-endpoint).
 */
export class StageRoleError extends errors.PolicyError {
  constructor(message: string, details: Record<string, unknown>) {
    super(message, details);
  }
}
