import type { Core } from '@strapi/strapi';
import { getService } from './utils';

// A batch running here stops with the job system (app destroy): its units in flight end, the rest
// stays pending for a continuation another instance (or the next start) takes.
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'renderer').close();
};
