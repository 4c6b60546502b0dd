import type { Core } from '@strapi/strapi';
import type services from './services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<N extends ServiceName> = ReturnType<Services[N]>;

/** Typed access to this plugin's services. */
export function getService<N extends ServiceName>(strapi: Core.Strapi, name: N): Service<N> {
  return strapi.plugin('relations').service(name) as Service<N>;
}

export interface Actor {
  id: number | null;
  name: string;
}

/** A staff member's display name (the shared kernel's rule). */
export { staffName } from '../../../../shared/server/display-name';
