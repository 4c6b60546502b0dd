import type { Core } from '@strapi/strapi';
import { registerPipelineActions } from './pipeline-actions';
import { getService } from './utils';
import type { CertificationRegistry } from '../../../../shared/erasure';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'templates').installDefaults();
  // The pipeline refuses what would make an issued erasure certificate untrue: it asks us which units hold one.
  const devices = strapi.plugin('pipeline')?.service('devices') as CertificationRegistry | undefined;
  devices?.registerCertifiedLookup((ids) => getService(strapi, 'erasures').certified(ids));
  if (registerPipelineActions(strapi)) strapi.log.debug('documents : actions « Générer un document » et « Envoyer un document par e-mail » ajoutées à la chaîne.');
};
