import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { EQUIPMENT_KINDS, type OfferValues } from '../domain/offer';
import { composeMail, sendMail, type MailMessage } from '../../../../../shared/mail';
import { getService, siteConfig } from '../utils';
import { coordinatorAddressesOf } from '../../../../../shared/server/coordinators';
import { postcodeOf } from '../domain/routing';

/** Raw table for the rate limit: a technical counter, not content staff should see. */
export const ATTEMPTS_TABLE = 'sv_site_offer_attempts';

export function offerSummary(values: OfferValues): string {
  return [
    `Proposition de don reçue par le site public.`,
    `Organisation : ${values.organisation}`,
    `Contact : ${values.contactName} <${values.email}>${values.phone ? `, ${values.phone}` : ''}`,
    `Matériel : ${values.quantity} × ${EQUIPMENT_KINDS[values.equipment] ?? values.equipment}`,
    `Lieu : ${values.postalCode ? `${values.postalCode} ` : ''}${values.location}`,
    values.message ? `Message : ${values.message}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const KNOWN_DONOR_NOTE = (name: string) =>
  `Proposition faite sur le site public au nom de « ${name} », un donateur déjà connu. Elle n'est pas rattachée à sa fiche : vérifiez auprès du donateur que la personne de contact le représente bien, puis reportez l'information sur sa fiche et supprimez celle-ci.`;

/** A distinct, recognisable name for an offer made in the name of a donor we already know. */
function unverifiedName(organisation: string): string {
  const suffix = ` — proposition du site à vérifier (${crypto.randomBytes(3).toString('hex')})`;
  return `${organisation.slice(0, 160 - suffix.length)}${suffix}`;
}

/** To the coordinators: the whole offer, every value the visitor typed shown as inert text. */
export function coordinatorNotice(values: OfferValues, namesKnownDonor: boolean, workshopName?: string | null): MailMessage {
  return composeMail({
    subject: `Proposition de don : ${values.organisation} (${values.quantity} machines)`,
    blocks: [
      'Proposition de don reçue par le site public.',
      {
        list: [
          `Organisation : ${values.organisation}`,
          `Contact : ${values.contactName} <${values.email}>${values.phone ? `, ${values.phone}` : ''}`,
          `Matériel : ${values.quantity} × ${EQUIPMENT_KINDS[values.equipment] ?? values.equipment}`,
          `Lieu : ${values.postalCode ? `${values.postalCode} ` : ''}${values.location}`,
          ...(workshopName ? [`Atelier destinataire : ${workshopName} (d’après le code postal ; atelier par défaut sans code postal couvert)`] : []),
        ],
      },
      ...(values.message ? [{ label: 'Message du visiteur (non vérifié) :', quote: values.message }] : []),
      ...(namesKnownDonor
        ? [`Attention : un donateur porte déjà ce nom. La proposition n'est pas rattachée à sa fiche : une fiche « prospect » à part a été créée. Vérifiez auprès du donateur que ce contact le représente avant de l'ajouter à sa fiche.`]
        : []),
      'La fiche donateur (étape « prospect ») et l’interaction sont dans l’administration.',
    ],
  });
}

/**
 * To the address the visitor typed, which nobody has verified: only the workshop's own fixed text.
 * No name, organisation, phone or message typed in the form travels in it, escaped or not, so the
 * form cannot be used to make the workshop's address carry someone's words to a third party.
 */
export function visitorConfirmation(values: OfferValues, at: Date): MailMessage {
  const day = at.toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
  return composeMail({
    subject: 'Votre proposition de don a bien été reçue',
    blocks: [
      'Bonjour,',
      `Le ${day}, une proposition de don de matériel informatique (${values.quantity} × ${(EQUIPMENT_KINDS[values.equipment] ?? 'matériel').toLowerCase()}) a été faite sur le site de l’atelier avec votre adresse <${values.email}>. Merci !`,
      'Nous vous recontactons sous quelques jours pour en parler : nature et état du parc, convention, date d’enlèvement.',
      'Si vous n’êtes pas à l’origine de cette proposition, ignorez ce message, ou répondez-y pour nous le signaler.',
      'L’équipe de l’atelier',
    ],
  });
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
   * A new prospect donor and its interaction, in one transaction; the two e-mails after commit.
   * A visitor is anonymous: an offer in the name of a donor we already know is never attached to
   * that donor's record (anyone can type « CHU de Brest »). It gets its own prospect record, named
   * so that staff check who wrote before merging, and the coordinators are told.
   */
  async submit(values: OfferValues): Promise<{ donorDocumentId: string; namesKnownDonor: boolean; workshopId: number | null }> {
    const summary = offerSummary(values);
    // The workshop whose postcodes cover the visitor's (else the default one): it follows the
    // prospect, owns the interaction and its coordinators hear of the offer.
    const postcode = postcodeOf(values.postalCode, values.location);
    const workshopId = await getService(strapi, 'network').route(postcode);
    const result = await strapi.db.transaction(async () => {
      const known = (await strapi.db
        .query('api::donor.donor')
        .findOne({ where: { name: { $eqi: values.organisation } }, select: ['id'] })) as { id: number } | null;
      const donor = (await strapi.documents('api::donor.donor').create({
        data: {
          name: known ? unverifiedName(values.organisation) : values.organisation,
          kind: 'other',
          relationship: 'prospect',
          commune: values.location,
          ...(postcode ? { postalCode: postcode } : {}),
          ...(workshopId != null ? { followedBy: workshopId } : {}),
          publicListingConsent: false,
          contacts: [{ name: values.contactName, email: values.email, ...(values.phone ? { phone: values.phone } : {}) }],
          notes: known ? KNOWN_DONOR_NOTE(values.organisation) : 'Créé par le formulaire « Proposer un don » du site public : vérifier le type d’organisation.',
        } as never,
      })) as unknown as { documentId: string };
      await strapi.documents('api::interaction.interaction').create({
        data: {
          date: new Date().toISOString(),
          kind: 'email',
          summary: summary.slice(0, 2000),
          nextStep: 'Rappeler pour convenir d’un rendez-vous',
          author: 'Site public',
          donor: donor.documentId,
          ...(workshopId != null ? { workshop: workshopId } : {}),
        } as never,
      });
      return { donorDocumentId: donor.documentId, namesKnownDonor: Boolean(known), workshopId };
    });

    const coordinators = await coordinatorAddressesOf(strapi, workshopId);
    const workshop = workshopId == null ? null : ((await strapi.db.query('api::workshop.workshop').findOne({ where: { id: workshopId }, select: ['name'] })) as { name: string } | null);
    if (!coordinators.length) strapi.log.warn('site: proposition de don reçue, mais aucune adresse de coordination (Atelier › E-mails des coordinateurs, ou COORDINATORS_EMAIL) : aucune coordinatrice prévenue');
    const sends = [
      ...(coordinators.length ? [sendMail(strapi, { to: coordinators, replyTo: values.email }, coordinatorNotice(values, result.namesKnownDonor, workshop?.name))] : []),
      sendMail(strapi, { to: values.email }, visitorConfirmation(values, new Date())),
    ];
    const outcomes = await Promise.allSettled(sends);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') strapi.log.error(`site: e-mail de proposition de don non envoyé : ${String(outcome.reason)}`);
    }
    return result;
  },
});
