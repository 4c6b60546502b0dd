import type { Core } from '@strapi/strapi';
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

export default {
  actions,
  bulk,
  devices,
  'erasure-status': erasureStatus,
  history,
  parts,
  records,
  transitions,
  // Other plugins read the workflows through the kernel's contract: the service must fulfil it.
  workflows: workflows satisfies (ctx: { strapi: Core.Strapi }) => WorkflowsReader,
};
