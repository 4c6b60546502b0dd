import type { Core } from '@strapi/strapi';
import type { SiteConfig } from './config';
import type services from './services';

type Services = typeof services;
export type ServiceName = keyof Services;

export function getService<N extends ServiceName>(strapi: Core.Strapi, name: N): ReturnType<Services[N]> {
  return strapi.plugin('site').service(name) as ReturnType<Services[N]>;
}

export function siteConfig(strapi: Core.Strapi): SiteConfig {
  return strapi.config.get('plugin::site') as SiteConfig;
}

export const UID = { page: 'plugin::site.page', settings: 'plugin::site.settings' } as const;
