import type { Core } from '@strapi/strapi';
import { ACTIONS } from './permissions';
import { jobs } from '../../../../shared/server/jobs';
import { IMPORT_QUEUE, IMPORT_RETRIES } from './services/jobs';
import { getService } from './utils';

interface ActionProvider {
  registerMany(actions: { section: string; displayName: string; uid: string; pluginName: string }[]): Promise<void>;
}

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }): Promise<void> {
  const { actionProvider } = strapi.service('admin::permission') as unknown as { actionProvider: ActionProvider };
  await actionProvider.registerMany(ACTIONS);
  // Background imports are pg-boss jobs, worked by any instance. Once this instance's workers are
  // up, imports left running by a process that is gone (crash, restart; nothing of them stayed)
  // are handed back to pg-boss for a retry, or said interrupted when no try is left.
  jobs(strapi).defineQueue<{ job: string }>({
    name: IMPORT_QUEUE,
    retryLimit: IMPORT_RETRIES,
    retryDelaySeconds: 2,
    // A job whose instance died without a word (its lock freed) is failed at once by settle(); this
    // bounds the rest (an instance frozen before it took the donation's lock).
    expireInSeconds: 10 * 60,
    handler: (job) => getService(strapi, 'intake').runJob(job.data.job, job.retryCount),
    onStart: async () => {
      const interrupted = await getService(strapi, 'jobs').settleAll();
      if (interrupted > 0) strapi.log.warn(`intake: ${interrupted} import(s) interrompu(s) par un arrêt de l'application, marqué(s) comme tels.`);
    },
  });
}
