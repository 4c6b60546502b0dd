import type { Core } from '@strapi/strapi';
import type { BilanSource } from '../../../../../shared/server/document-sources';
import bilan from './bilan';
import network from './network';
import clock from './clock';
import dashboard from './dashboard';
import reports from './reports';
import volunteers from './volunteers';
import weee from './weee';

// The documents plugin reads `reports` through the kernel's contract: it must fulfil it.
export default { bilan, clock, dashboard, network, reports: reports satisfies (ctx: { strapi: Core.Strapi }) => BilanSource, volunteers, weee };
