import type { Core } from '@strapi/strapi';
import { composeMail, sendMail, type MailMessage } from '../../../../../shared/mail';
import { coordinatorAddressesOf } from '../../../../../shared/server/coordinators';
import { postcodeOf } from '../domain/routing';
import { getService } from '../utils';
import { today } from '../../../../../shared/server/clock';
import { candidateNotes, type SkillChoice, type VolunteerOfferValues } from '../domain/volunteer-offer';

/** To the coordinators: the whole application, every value the visitor typed shown as inert text. */
export function candidateNotice(values: VolunteerOfferValues, catalogue: SkillChoice[]): MailMessage {
  const chosen = values.skills.map((key) => catalogue.find((s) => s.key === key)?.name ?? key);
  return composeMail({
    subject: `Candidature bénévole : ${values.name}`,
    blocks: [
      'Une personne propose de rejoindre l’équipe bénévole (formulaire « Devenir bénévole » du site public).',
      {
        list: [
          `Nom : ${values.name}`,
          `E-mail : ${values.email || '—'}`,
          `Téléphone : ${values.phone || '—'}`,
          `Code postal : ${values.postalCode || '—'}`,
          `Aimerait faire : ${chosen.length ? chosen.join(', ') : '—'}`,
        ],
      },
      ...(values.availability ? [{ label: 'Disponibilités (non vérifié) :', quote: values.availability }] : []),
      ...(values.wishes ? [{ label: 'En ses mots (non vérifié) :', quote: values.wishes }] : []),
      'Sa fiche est dans l’administration, page « Bénévoles », colonne « Candidat·e·s » : « Accueillir » la fait entrer dans l’équipe.',
    ],
  });
}

/** To the address the visitor typed, which nobody has verified: only the workshop's own fixed text. */
export function candidateConfirmation(): MailMessage {
  return composeMail({
    subject: 'Votre candidature de bénévole a bien été reçue',
    blocks: [
      'Bonjour,',
      'Une candidature pour rejoindre l’équipe bénévole de l’atelier a été faite sur notre site avec cette adresse. Merci !',
      'La coordination vous recontacte pour vous proposer de passer à l’atelier.',
      'Si vous n’êtes pas à l’origine de cette candidature, ignorez ce message, ou répondez-y pour nous le signaler : elle sera effacée.',
      'L’équipe de l’atelier',
    ],
  });
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The skills the form offers: the catalogue, by name. */
  async catalogue(): Promise<SkillChoice[]> {
    return (await strapi.db.query('api::skill.skill').findMany({ select: ['key', 'name'], orderBy: { name: 'asc' } })) as SkillChoice[];
  },

  /** A new volunteer with membership `candidate`, consent dated today (Europe/Paris); the e-mails after commit. */
  async submit(values: VolunteerOfferValues, catalogue: SkillChoice[]): Promise<{ documentId: string; workshopId: number | null }> {
    // The workshop covering the candidate's postcode (else the default one) receives the application.
    const workshopId = await getService(strapi, 'network').route(postcodeOf(values.postalCode, ''));
    const created = (await strapi.db.transaction(() =>
      strapi.documents('api::volunteer.volunteer').create({
        data: {
          name: values.name,
          membership: 'candidate',
          email: values.email || null,
          phone: values.phone || null,
          availability: values.availability || null,
          consentDate: today(),
          notes: candidateNotes(values, catalogue),
          ...(workshopId != null ? { workshop: workshopId } : {}),
        } as never,
      }),
    )) as unknown as { documentId: string };

    const coordinators = await coordinatorAddressesOf(strapi, workshopId);
    if (!coordinators.length) strapi.log.warn('site: candidature bénévole reçue, mais aucune adresse de coordination (Atelier › E-mails des coordinateurs, ou COORDINATORS_EMAIL) : personne n’est prévenu');
    const sends = [
      ...(coordinators.length ? [sendMail(strapi, { to: coordinators, ...(values.email ? { replyTo: values.email } : {}) }, candidateNotice(values, catalogue))] : []),
      ...(values.email ? [sendMail(strapi, { to: values.email }, candidateConfirmation())] : []),
    ];
    for (const outcome of await Promise.allSettled(sends)) {
      if (outcome.status === 'rejected') strapi.log.error(`site: e-mail de candidature bénévole non envoyé : ${String(outcome.reason)}`);
    }
    return { documentId: created.documentId, workshopId };
  },
});
