import type { Core } from '@strapi/strapi';
import type { ActionRegistry } from '../../../../../shared/server/pipeline-actions';
import type { WorkflowsReader } from '../../../../../shared/server/workflows';
import actions from './actions';
import bulk from './bulk';
import devices from './devices';
import erasureStatus from './erasure-status';
import history from './history';
import parts from './parts';
import records from './records';
import transitions from './transitions';
import workflows from './workflows';

// Other plugins call these services through the kernel's contracts: each must fulfil its own.
export default {
  actions: actions satisfies (ctx: { strapi: Core.Strapi }) => ActionRegistry,
  bulk,
  devices,
  'erasure-status': erasureStatus,
  history,
  parts,
  records,
  transitions,
  workflows: workflows satisfies (ctx: { strapi: Core.Strapi }) => WorkflowsReader,
};
