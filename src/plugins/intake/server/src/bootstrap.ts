import type { Core } from '@strapi/strapi';
import { ACTIONS } from './permissions';
import { getService } from './utils';

interface ActionProvider {
  registerMany(actions: { section: string; displayName: string; uid: string; pluginName: string }[]): Promise<void>;
}

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }): Promise<void> {
  const { actionProvider } = strapi.service('admin::permission') as unknown as { actionProvider: ActionProvider };
  await actionProvider.registerMany(ACTIONS);
  // Imports left running by a process that is gone (crash, restart) wrote nothing: say so.
  const interrupted = await getService(strapi, 'jobs').settleAll();
  if (interrupted > 0) strapi.log.warn(`intake: ${interrupted} import(s) interrompu(s) par un arrêt de l'application, marqué(s) comme tels.`);
}
