import { errors } from '@strapi/utils';

/** A move refused by the state of the data (a rule, a concurrent move): answered with 409. */
export class ConflictError extends errors.ApplicationError<'ConflictError', string, Record<string, unknown>> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    this.name = 'ConflictError';
  }
}

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
