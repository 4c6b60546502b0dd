import type { Core } from '@strapi/strapi';
import type { DonorDocumentsSource } from '../../../../../shared/server/document-sources';
import clock from './clock';
import conventions from './conventions';
import donors from './donors';
import impact from './impact';
import pickups from './pickups';
import steps from './steps';

// The documents plugin reads `impact` through the kernel's contract: it must fulfil it.
export default { clock, conventions, donors, impact: impact satisfies (ctx: { strapi: Core.Strapi }) => DonorDocumentsSource, pickups, steps };
