import type { Core } from '@strapi/strapi';
import type { BulkRecordsService } from '../../../../../shared/bulk-records';
import type { CertificationRegistry, ErasureStatusService } from '../../../../../shared/erasure';
import type { ActionRegistry } from '../../../../../shared/server/pipeline-actions';
import type { WorkflowsReader } from '../../../../../shared/server/workflows';
import actions from './actions';
import bulk from './bulk';
import clock from './clock';
import devices from './devices';
import erasureStatus from './erasure-status';
import history from './history';
import operators from './operators';
import parts from './parts';
import presences from './presences';
import qualifications from './qualifications';
import records from './records';
import team from './team';
import transitions from './transitions';
import workflows from './workflows';

// Other plugins call these services through the kernel's contracts: each must fulfil its own.
export default {
  actions: actions satisfies (ctx: { strapi: Core.Strapi }) => ActionRegistry,
  clock,
  bulk: bulk satisfies (ctx: { strapi: Core.Strapi }) => BulkRecordsService,
  devices: devices satisfies (ctx: { strapi: Core.Strapi }) => CertificationRegistry,
  'erasure-status': erasureStatus satisfies (ctx: { strapi: Core.Strapi }) => ErasureStatusService,
  history,
  operators,
  parts,
  presences,
  qualifications,
  records,
  team,
  transitions,
  workflows: workflows satisfies (ctx: { strapi: Core.Strapi }) => WorkflowsReader,
};
