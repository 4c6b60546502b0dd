import type { Core } from '@strapi/strapi';

/**
 * Another plugin's service, typed by its contract in the kernel, or undefined when that plugin is
 * not enabled. The kernel's accessors (`documentsService`, `pipelineBulk`…) are built on it, each
 * beside its contract; the caller says in French what cannot be done without the plugin. Server
 * side only (the admin never calls a service).
 */
export function pluginService<T>(strapi: Core.Strapi, plugin: string, service: string): T | undefined {
  return strapi.plugin(plugin)?.service(service) as T | undefined;
}
