import type { Core } from '@strapi/strapi';
import type actions from './services/actions';
import type bulk from './services/bulk';
import type devices from './services/devices';
import type erasureStatus from './services/erasure-status';
import type history from './services/history';
import type operators from './services/operators';
import type parts from './services/parts';
import type presences from './services/presences';
import type qualifications from './services/qualifications';
import type records from './services/records';
import type team from './services/team';
import type transitions from './services/transitions';
import type workflows from './services/workflows';

interface Services {
  actions: ReturnType<typeof actions>;
  bulk: ReturnType<typeof bulk>;
  devices: ReturnType<typeof devices>;
  'erasure-status': ReturnType<typeof erasureStatus>;
  history: ReturnType<typeof history>;
  operators: ReturnType<typeof operators>;
  parts: ReturnType<typeof parts>;
  presences: ReturnType<typeof presences>;
  qualifications: ReturnType<typeof qualifications>;
  team: ReturnType<typeof team>;
  records: ReturnType<typeof records>;
  transitions: ReturnType<typeof transitions>;
  workflows: ReturnType<typeof workflows>;
}

/** Typed access to the plugin's services. */
export function getService<K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] {
  return strapi.plugin('pipeline').service(name) as Services[K];
}
