import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** Jobs of this process stop with it (their transaction rolls back): say so to anyone polling. */
export default async function destroy({ strapi }: { strapi: Core.Strapi }): Promise<void> {
  await getService(strapi, 'jobs').abandonRunning();
}
