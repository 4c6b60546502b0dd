import type { Core } from '@strapi/strapi';
import { EQUIPMENT_KINDS, type OfferValues } from '../domain/offer';
import { siteConfig } from '../utils';

/** Raw table for the rate limit: a technical counter, not content staff should see. */
export const ATTEMPTS_TABLE = 'sv_site_offer_attempts';

export function offerSummary(values: OfferValues): string {
  return [
    `Proposition de don reçue par le site public.`,
    `Organisation : ${values.organisation}`,
    `Contact : ${values.contactName} <${values.email}>${values.phone ? `, ${values.phone}` : ''}`,
    `Matériel : ${values.quantity} × ${EQUIPMENT_KINDS[values.equipment] ?? values.equipment}`,
    `Lieu : ${values.location}`,
    values.message ? `Message : ${values.message}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensureTable(): Promise<void> {
    const knex = strapi.db.connection;
    if (await knex.schema.hasTable(ATTEMPTS_TABLE)) return;
    await knex.schema.createTable(ATTEMPTS_TABLE, (t) => {
      t.bigIncrements('id');
      t.string('ip', 64).notNullable();
      t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.index(['ip', 'at']);
    });
  },

  /** Records this attempt and says whether the IP is still within its quota (counted in PostgreSQL). */
  async allow(ip: string): Promise<boolean> {
    const { offerLimit, offerWindowMinutes } = siteConfig(strapi);
    const knex = strapi.db.connection;
    const since = new Date(Date.now() - offerWindowMinutes * 60_000);
    await knex(ATTEMPTS_TABLE).where('at', '<', new Date(Date.now() - 24 * 3600_000)).delete();
    await knex(ATTEMPTS_TABLE).insert({ ip, at: new Date() });
    const [{ count }] = (await knex(ATTEMPTS_TABLE).where({ ip }).andWhere('at', '>=', since).count('* as count')) as Array<{ count: string }>;
    return Number(count) <= offerLimit;
  },

  /**
   * The donor (a new prospect, or the existing donor of that name) and its interaction, in one
   * transaction; the two e-mails after commit.
   */
  async submit(values: OfferValues): Promise<{ donorDocumentId: string; created: boolean }> {
    const summary = offerSummary(values);
    const result = await strapi.db.transaction(async () => {
      const existing = (await strapi.db
        .query('api::donor.donor')
        .findOne({ where: { name: { $eqi: values.organisation } } })) as { documentId: string } | null;
      const donor =
        existing ??
        ((await strapi.documents('api::donor.donor').create({
          data: {
            name: values.organisation,
            kind: 'other',
            stage: 'prospect',
            commune: values.location,
            publicListingConsent: false,
            contacts: [{ name: values.contactName, email: values.email, ...(values.phone ? { phone: values.phone } : {}) }],
            notes: 'Créé par le formulaire « Proposer un don » du site public : vérifier le type d’organisation.',
          } as never,
        })) as unknown as { documentId: string });
      await strapi.documents('api::interaction.interaction').create({
        data: {
          date: new Date().toISOString(),
          kind: 'email',
          summary: summary.slice(0, 2000),
          nextStep: 'Rappeler pour convenir d’un rendez-vous',
          author: 'Site public',
          donor: donor.documentId,
        } as never,
      });
      return { donorDocumentId: donor.documentId, created: !existing };
    });

    const email = strapi.plugin('email').service('email');
    const coordinators = siteConfig(strapi).coordinatorsEmail.split(',').map((a) => a.trim()).filter(Boolean);
    if (!coordinators.length) strapi.log.warn('site: proposition de don reçue, mais COORDINATORS_EMAIL est vide : aucune coordinatrice prévenue');
    const sends = [
      ...(coordinators.length ? [email.send({
        to: coordinators,
        replyTo: values.email,
        subject: `Proposition de don : ${values.organisation} (${values.quantity} machines)`,
        text: `${summary}\n\nLa fiche donateur (étape « prospect ») et l’interaction sont dans l’administration.`,
      })] : []),
      email.send({
        to: values.email,
        subject: 'Votre proposition de don a bien été reçue',
        text: [
          `Bonjour ${values.contactName},`,
          '',
          `Merci pour votre proposition de don de matériel informatique au nom de ${values.organisation}.`,
          'Nous vous recontactons sous quelques jours pour en parler : nature et état du parc, convention, date d’enlèvement.',
          '',
          'Ce que vous nous avez transmis :',
          summary,
          '',
          'L’équipe de l’atelier',
        ].join('\n'),
      }),
    ];
    const outcomes = await Promise.allSettled(sends);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') strapi.log.error(`site: e-mail de proposition de don non envoyé : ${String(outcome.reason)}`);
    }
    return result;
  },
});
