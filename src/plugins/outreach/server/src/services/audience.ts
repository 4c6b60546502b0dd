import type { Core } from '@strapi/strapi';
import type { AudienceMember, AudiencePreview } from '../../../shared/contracts';
import { communesOf, type Audience } from '../domain/audience';
import type { MergeContext } from '../domain/merge';
import { sameCommune } from '../domain/territories';

interface ContactRow {
  name?: string | null;
  role?: string | null;
  email?: string | null;
}

interface StructureRow {
  id: number;
  documentId: string;
  name: string;
  kind: string;
  address?: string | null;
  postalCode?: string | null;
  commune?: string | null;
  contacts?: ContactRow[];
}

/** A member with what its letter needs: the structure as it is now and the contact written to. */
export interface ResolvedMember extends AudienceMember {
  structure: MergeContext['structure'];
  contact: MergeContext['contact'];
}

const KIND_LABELS: Record<string, string> = {
  cdas: 'CDAS', ccas: 'CCAS', college: 'collège', association: 'association', other: 'autre structure',
  company: 'entreprise', public_administration: 'administration', local_authority: 'collectivité',
};

/** The contact written to: the first with an e-mail address, else the first. */
function pickContact(contacts: ContactRow[] | undefined): ContactRow | null {
  const list = contacts ?? [];
  return list.find((c) => c.email && c.email.trim()) ?? list[0] ?? null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Everyone a filter selects today, by name, among what `workshops` may write to (null: every
   * workshop): their prescribers, and the donors they follow or no workshop follows — a donor is
   * shared by the network, but one another workshop follows is its to approach.
   */
  async resolve(audience: Audience, workshops: number[] | null = null): Promise<ResolvedMember[]> {
    const uid = audience.target === 'prescriber' ? 'api::prescriber.prescriber' : 'api::donor.donor';
    const where: Record<string, unknown> = {};
    if (workshops) {
      if (audience.target === 'prescriber') where.workshop = { id: { $in: workshops } };
      else where.$or = [{ followedBy: { id: { $null: true } } }, { followedBy: { id: { $in: workshops } } }];
    }
    if (audience.kinds?.length) where.kind = { $in: audience.kinds };
    if (audience.target === 'donor' && audience.relationships?.length) where.relationship = { $in: audience.relationships };
    const rows = (await strapi.db.query(uid).findMany({ where, populate: { contacts: true }, orderBy: { name: 'asc' } })) as StructureRow[];
    const communes = communesOf(audience);
    const selected = communes ? rows.filter((r) => r.commune && communes.some((c) => sameCommune(c, String(r.commune)))) : rows;
    return selected.map((row) => {
      const contact = pickContact(row.contacts);
      const email = contact?.email?.trim() || null;
      return {
        target: audience.target,
        id: row.id,
        documentId: row.documentId,
        name: row.name,
        kind: row.kind,
        commune: row.commune ?? '',
        email,
        contactName: contact?.name ?? null,
        structure: {
          name: row.name,
          kind: KIND_LABELS[row.kind] ?? row.kind,
          address: row.address ?? '',
          postalCode: row.postalCode ?? '',
          commune: row.commune ?? '',
        },
        contact: { name: contact?.name ?? '', role: contact?.role ?? '' },
      };
    });
  },

  async preview(audience: Audience, workshops: number[] | null = null): Promise<AudiencePreview> {
    const members = await this.resolve(audience, workshops);
    const withEmail = members.filter((m) => m.email).length;
    return {
      total: members.length,
      withEmail,
      withoutEmail: members.length - withEmail,
      members: members.map(({ structure: _s, contact: _c, ...m }) => m),
    };
  },
});
