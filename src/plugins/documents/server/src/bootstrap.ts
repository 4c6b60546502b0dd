import type { Core } from '@strapi/strapi';
import { registerPipelineActions } from './pipeline-actions';
import { getService } from './utils';
import { pipelineCertification } from '../../../../shared/erasure';
import { resolveChromium, systemProbe } from './chromium';

/**
 * The renderer's Chromium, checked at start-up without launching it (the readiness route
 * `/_health/ready` renders for real). In production a missing Chromium stops the app: it could
 * not issue a single certificate. Elsewhere it is logged as an error and the app starts.
 */
export function checkChromium(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): void {
  const found = resolveChromium(env, systemProbe);
  if (found.ok) {
    strapi.log.info(`documents : Chromium ${found.source === 'npm' ? 'du paquet npm @sparticuz/chromium' : `de CHROMIUM_PATH (${found.executable})`}.`);
    return;
  }
  if (env.NODE_ENV === 'production') throw new Error(`documents : ${found.problem}`);
  strapi.log.error(`documents : ${found.problem} Les PDF ne pourront pas être produits.`);
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  checkChromium(strapi);
  // Certificate batches are pg-boss jobs; the app's bootstrap starts the workers after every plugin.
  getService(strapi, 'batches').declare();
  await getService(strapi, 'templates').installDefaults();
  // The pipeline refuses what would make an issued erasure certificate untrue: it asks us which units hold one.
  pipelineCertification(strapi)?.registerCertifiedLookup((ids) => getService(strapi, 'erasures').certified(ids));
  if (registerPipelineActions(strapi)) strapi.log.debug('documents : actions « Générer un document » et « Envoyer un document par e-mail » ajoutées à la chaîne.');
  // PDFs issued before the private storage leave public/uploads; what cannot move yet is retried at the next start.
  try {
    await getService(strapi, 'storage').moveLegacyFiles();
  } catch (error) {
    strapi.log.error(`documents : déplacement des anciens PDF interrompu, repris au prochain démarrage : ${(error as Error).message}`);
  }
};
