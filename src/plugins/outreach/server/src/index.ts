import type { Core } from '@strapi/strapi';
import { jobs } from '../../../../shared/server/jobs';
import { ownedFieldsMiddleware, type OwnedField } from '../../../../shared/server/lifecycle';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import routes from './routes';
import services from './services';
import { getService } from './utils';

/**
 * What the campaign's lifecycle sets: its status (« Envoyer »), each recipient's delivery (the
 * sending queue) and answer (« Réponse » on the campaign page). The plugin writes them with the
 * Query Engine; the content manager and the REST API never reach these types, and a Document
 * Service write that tried would be refused.
 */
const LIFECYCLE_FIELDS: OwnedField[] = [
  { uid: 'plugin::outreach.campaign', field: 'status', kind: 'value', initial: ['draft'], message: 'status : une campagne change d’état par « Envoyer » (Campagnes), jamais à la main.' },
  { uid: 'plugin::outreach.recipient', field: 'delivery', kind: 'value', initial: ['pending', 'letter'], message: 'delivery : l’envoi d’un destinataire est noté par la file d’envoi de la campagne, jamais à la main.' },
  { uid: 'plugin::outreach.recipient', field: 'outcome', kind: 'value', initial: ['no_answer'], message: 'outcome : la réponse d’un destinataire se note sur la page de la campagne (Campagnes › Réponse).' },
];

/** Outreach campaigns: recipients by filter, merge fields, throttled e-mails, letters, answers and reminders. */
export default {
  config,
  contentTypes,
  controllers,
  routes,
  services,
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(ownedFieldsMiddleware(strapi, LIFECYCLE_FIELDS) as unknown as Parameters<typeof strapi.documents.use>[0]);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
    const { reminderCron } = strapi.config.get('plugin::outreach') as { reminderCron: string };
    // Once per occurrence across all instances (pg-boss schedule, Europe/Paris time).
    jobs(strapi).defineSchedule({ name: 'outreach-reminders', cron: reminderCron, handler: () => getService(strapi, 'sender').notifyCoordinators() });
    // The send queue; e-mails left pending by a stop or a crash are looked at once jobs start.
    getService(strapi, 'sender').declare();
  },
};
