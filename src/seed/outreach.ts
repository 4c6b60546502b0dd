import type { Core } from '@strapi/strapi';
import { PRESCRIBERS } from './story';

/** The collèges' social services, with the addresses the workshop wrote to (fictitious, `.example`). */
const COLLEGE_EMAILS: Record<string, string> = {
  'Collège de Kerhallet': 'service-social.kerhallet@college-brest.example',
  "Collège Penn ar C'hleuz": 'service-social.pennarchleuz@college-brest.example',
  "Collège de l'Harteloire": 'service-social.harteloire@college-brest.example',
  'Collège des Quatre Moulins': 'service-social.quatremoulins@college-brest.example',
};

const CAMPAIGN_NAME = "Courrier d'information aux collèges de Brest";
const BODY = `Madame, Monsieur,

{{workshop.name}} remet gratuitement des ordinateurs reconditionnés à des foyers en difficulté dont au moins un enfant est au collège, pour les devoirs à la maison.

Les foyers nous sont orientés par une structure sociale : un CDAS, un CCAS ou le service social d'un collège. Nous proposons au service social du {{structure.name}} de devenir prescripteur en signant une convention d'adhésion.

Nous serions heureux de vous présenter le dispositif lors d'un rendez-vous, à votre convenance.

Veuillez agréer, Madame, Monsieur, nos salutations distinguées.`;

interface ContactRow {
  name: string;
  role?: string | null;
  email?: string | null;
  phone?: string | null;
}

/**
 * The outreach part of the demo story: the collèges of Brest were written to in the autumn of
 * 2011, reminded in July 2012, and never answered. Idempotent (the campaign is found by name).
 */
export async function seedOutreach(strapi: Core.Strapi): Promise<void> {
  const colleges = PRESCRIBERS.filter((p) => p.kind === 'college');
  const members: Array<{ id: number; name: string; commune: string; contact: ContactRow }> = [];
  for (const c of colleges) {
    const row = (await strapi.db.query('api::prescriber.prescriber').findOne({ where: { name: c.name }, populate: { contacts: true } })) as
      | { id: number; documentId: string; name: string; commune: string; contacts?: ContactRow[] }
      | null;
    if (!row) continue;
    let contacts = (row.contacts ?? []).map(({ name, role, email, phone }) => ({ name, role, email, phone }));
    if (!contacts.some((x) => x.email) && COLLEGE_EMAILS[c.name]) {
      contacts = contacts.length ? contacts.map((x, i) => (i === 0 ? { ...x, email: COLLEGE_EMAILS[c.name] } : x)) : [{ name: 'Service social', role: 'Service social', email: COLLEGE_EMAILS[c.name], phone: null }];
      await strapi.documents('api::prescriber.prescriber').update({ documentId: row.documentId, data: { contacts } as never });
    }
    members.push({ id: row.id, name: row.name, commune: row.commune, contact: contacts.find((x) => x.email) ?? contacts[0] });
  }
  if (members.length === 0) return;
  if (await strapi.db.query('plugin::outreach.campaign').findOne({ where: { name: CAMPAIGN_NAME } })) return;

  const sentAt = new Date('2011-10-17T09:00:00.000Z');
  const remindedAt = new Date('2012-07-10T08:00:00.000Z');
  const campaign = (await strapi.db.query('plugin::outreach.campaign').create({
    data: {
      name: CAMPAIGN_NAME,
      audience: { target: 'prescriber', kinds: ['college'], communes: ['Brest'] },
      channel: 'letter',
      subject: "Des ordinateurs pour les collégiens de {{structure.commune}} : devenir prescripteur",
      body: BODY,
      status: 'sent',
      sentAt,
      reminderDays: 60,
      author: 'Coordination',
      createdAt: sentAt,
    },
  })) as { id: number };
  const workshop = (await strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true } })) as Record<string, string | null> | null;
  for (const m of members) {
    await strapi.db.query('plugin::outreach.recipient').create({
      data: {
        campaign: campaign.id,
        prescriber: m.id,
        name: m.name,
        email: m.contact?.email ?? null,
        delivery: 'letter',
        sentAt,
        outcome: 'no_answer',
        remindedAt,
        reminderCount: 1,
        context: {
          structure: { name: m.name, kind: 'collège', address: '', postalCode: '29200', commune: m.commune },
          contact: { name: m.contact?.name ?? '', role: m.contact?.role ?? '' },
          workshop: { name: workshop?.name ?? 'Seconde Vie', address: workshop?.address ?? '', postalCode: workshop?.postalCode ?? '', commune: workshop?.commune ?? 'Brest' },
          campaign: { name: CAMPAIGN_NAME },
          today: '17 octobre 2011',
        },
      },
    });
  }
}
