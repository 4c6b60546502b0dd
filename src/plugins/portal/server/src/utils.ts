import type { Core } from '@strapi/strapi';
import type services from './services';

type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

/** The plugin's services, typed. */
export function getService<N extends keyof Services>(strapi: Core.Strapi, name: N): Services[N] {
  return strapi.plugin('portal').service(name) as Services[N];
}
