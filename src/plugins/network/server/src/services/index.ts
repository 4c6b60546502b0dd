import type { Core } from '@strapi/strapi';
import type { TransferSlipSource } from '../../../../../shared/server/document-sources';
import transfers from './transfers';

// The documents plugin reads `transfers` (its slip) through the kernel's contract: it must fulfil it.
export default { transfers: transfers satisfies (ctx: { strapi: Core.Strapi }) => TransferSlipSource };
