import type { Core } from '@strapi/strapi';
import { backfillHouseholdPrescribers } from './bootstrap/households';
import { clearLegacyResetCodes, closeUnusedPublicRoutes, disableSelfRegistration, ensurePortalRoles } from './bootstrap/roles';
import { ACTIONS } from './permissions';

interface ActionProvider {
  registerMany(actions: { section: string; displayName: string; uid: string; pluginName: string }[]): Promise<void>;
}

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }): Promise<void> {
  const { actionProvider } = strapi.service('admin::permission') as unknown as { actionProvider: ActionProvider };
  await actionProvider.registerMany(ACTIONS);
  await ensurePortalRoles(strapi);
  await disableSelfRegistration(strapi);
  await closeUnusedPublicRoutes(strapi);
  await clearLegacyResetCodes(strapi);
  await backfillHouseholdPrescribers(strapi);
}
