import type { Core } from '@strapi/strapi';
import type services from './services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<N extends ServiceName> = ReturnType<Services[N]>;

/** Typed access to this plugin's services. */
export function getService<N extends ServiceName>(strapi: Core.Strapi, name: N): Service<N> {
  return strapi.plugin('documents').service(name) as Service<N>;
}

export const PLUGIN_ID = 'documents';
export const UID = {
  template: 'plugin::documents.template',
  generated: 'plugin::documents.generated-document',
  settings: 'plugin::documents.settings',
  sending: 'plugin::documents.sending',
} as const;
