import type { Core } from '@strapi/strapi';
import { registerPipelineActions } from './pipeline-actions';
import { getService } from './utils';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'templates').installDefaults();
  if (registerPipelineActions(strapi)) strapi.log.debug('documents : actions « Générer un document » et « Envoyer un document par e-mail » ajoutées à la chaîne.');
};
