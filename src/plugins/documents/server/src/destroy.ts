import type { Core } from '@strapi/strapi';
import { getService } from './utils';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'batches').stop();
  await getService(strapi, 'renderer').close();
};
