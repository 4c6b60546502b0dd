import type { Core } from '@strapi/strapi';
import type audience from './services/audience';
import type campaigns from './services/campaigns';
import type clock from './services/clock';
import type sender from './services/sender';

export const UID = { campaign: 'plugin::outreach.campaign', recipient: 'plugin::outreach.recipient' } as const;

interface Services {
  audience: ReturnType<typeof audience>;
  campaigns: ReturnType<typeof campaigns>;
  clock: ReturnType<typeof clock>;
  sender: ReturnType<typeof sender>;
}

/** The plugin's services, typed. */
export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] => strapi.plugin('outreach').service(name) as Services[K];

/** A refusal that must answer 409 (the action already happened). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
