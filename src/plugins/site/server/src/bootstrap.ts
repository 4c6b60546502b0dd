import type { Core } from '@strapi/strapi';
import { getService } from './utils';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'offers').ensureTable();
  await getService(strapi, 'content').installDefaults();
};
