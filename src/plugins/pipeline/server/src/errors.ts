import { errors } from '@strapi/utils';

/** A move refused by the state of the data (a rule, a concurrent move): answered with 409. */
export class ConflictError extends errors.ApplicationError<'ConflictError', string, Record<string, unknown>> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    this.name = 'ConflictError';
  }
}
