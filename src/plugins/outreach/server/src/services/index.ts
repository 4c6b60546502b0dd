import type { Core } from '@strapi/strapi';
import type { CampaignLettersSource } from '../../../../../shared/server/document-sources';
import audience from './audience';
import campaigns from './campaigns';
import clock from './clock';
import sender from './sender';

// The documents plugin reads `campaigns` through the kernel's contract: it must fulfil it.
export default { audience, campaigns: campaigns satisfies (ctx: { strapi: Core.Strapi }) => CampaignLettersSource, clock, sender };
