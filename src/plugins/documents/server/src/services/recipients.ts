import type { Core } from '@strapi/strapi';

type Row = Record<string, unknown>;

export type RecipientRole = 'donateur' | 'prescripteur';

export interface Recipients {
  donateur: string[];
  prescripteur: string[];
  /** Who a document about this record obviously goes to (prefilled in the admin), if anyone. */
  suggested: RecipientRole | null;
}

const emailsOf = (party: unknown): string[] => {
  const contacts = ((party as Row | null)?.contacts as Row[] | undefined) ?? [];
  return [...new Set(contacts.map((c) => (typeof c.email === 'string' ? c.email.trim() : '')).filter(Boolean))];
};

const contacts = { populate: { contacts: true } };

/**
 * The e-mail addresses a record's documents can go to: its donor's contacts (donations, partnership
 * conventions, machines) and its prescriber's contacts (prescriptions, membership conventions).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async forRecord(uid: string, documentId: string): Promise<Recipients> {
    const find = (populate: object) => strapi.documents(uid as 'api::machine.machine').findOne({ documentId, populate: populate as never }) as Promise<Row | null>;
    switch (uid) {
      case 'api::donation.donation': {
        const row = await find({ donor: contacts });
        return { donateur: emailsOf(row?.donor), prescripteur: [], suggested: 'donateur' };
      }
      case 'api::convention.convention': {
        const row = await find({ donor: contacts, prescriber: contacts });
        return { donateur: emailsOf(row?.donor), prescripteur: emailsOf(row?.prescriber), suggested: row?.kind === 'membership' ? 'prescripteur' : 'donateur' };
      }
      case 'api::prescription.prescription': {
        const row = await find({ prescriber: contacts });
        return { donateur: [], prescripteur: emailsOf(row?.prescriber), suggested: 'prescripteur' };
      }
      case 'api::machine.machine': {
        const row = await find({ donor: contacts, prescription: { populate: { prescriber: contacts } } });
        return { donateur: emailsOf(row?.donor), prescripteur: emailsOf((row?.prescription as Row | null)?.prescriber), suggested: 'donateur' };
      }
      default:
        return { donateur: [], prescripteur: [], suggested: null };
    }
  },
});
