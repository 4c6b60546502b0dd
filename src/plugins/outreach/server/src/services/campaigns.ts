import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Campaign, CampaignCounts, CampaignInput, MessagePreview, Outcome, Recipient } from '../../../shared/contracts';
import { OUTCOMES } from '../../../shared/contracts';
import { formatDate } from '../../../../../shared/server/templating';
import type { Audience } from '../domain/audience';
import { renderMessage, type MergeContext } from '../domain/merge';
import { isReminderDue } from '../domain/reminders';
import { getService, UID } from '../utils';
import { now } from '../../../../../shared/server/clock';
import { documentsIdentity, type WorkshopIdentity } from '../../../../../shared/server/documents';
import { ALL, type WorkshopScope } from '../../../../../shared/server/workshops';
import { campaignWorkshop, reaches } from '../scope';

/** The workshop's fields a message's merge fields read. */
const WORKSHOP_FIELDS = ['name', 'address', 'postalCode', 'commune', 'email', 'phone', 'signatoryName', 'signatoryRole'] as const satisfies ReadonlyArray<keyof WorkshopIdentity>;
type WorkshopField = (typeof WORKSHOP_FIELDS)[number];

export const MESSAGES = {
  notFound: 'Campagne introuvable.',
  recipientNotFound: 'Destinataire introuvable.',
  notDraft: 'Cette campagne est déjà envoyée : elle ne se modifie plus.',
  noMember: 'Aucune structure ne correspond à ce filtre.',
};

export interface CampaignRow {
  id: number;
  documentId: string;
  name: string;
  audience: Audience;
  channel: CampaignInput['channel'];
  subject: string;
  body: string;
  status: Campaign['status'];
  sentAt: string | null;
  reminderDays: number | null;
  author: string | null;
  createdAt: string;
  workshop?: { id: number } | null;
}

export interface RecipientRow {
  id: number;
  documentId: string;
  name: string;
  email: string | null;
  delivery: Recipient['delivery'];
  sentAt: string | null;
  error: string | null;
  outcome: Outcome;
  outcomeAt: string | null;
  remindedAt: string | null;
  reminderCount: number | null;
  reminderQueuedAt: string | null;
  context: MergeContext | null;
  prescriber?: { id: number; documentId: string } | null;
  donor?: { id: number; documentId: string } | null;
  campaign?: CampaignRow | null;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

const emptyCounts = (): CampaignCounts => ({
  total: 0, pending: 0, sent: 0, failed: 0, letter: 0, due: 0,
  outcomes: { no_answer: 0, answered: 0, meeting_set: 0, declined: 0 },
});

export const reminderDaysOf = (row: Pick<CampaignRow, 'reminderDays'>) => row.reminderDays ?? 21;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const campaigns = () => strapi.db.query(UID.campaign);

  /** The recipient → campaign link table, as Strapi named it. */
  const link = (): JoinTable => (strapi.db.metadata.get(UID.recipient).attributes.campaign as unknown as { joinTable: JoinTable }).joinTable;

  async function findRow(documentId: string): Promise<CampaignRow> {
    const row = (await campaigns().findOne({ where: { documentId }, populate: { workshop: { select: ['id'] } } })) as CampaignRow | null;
    if (!row) throw new errors.NotFoundError(MESSAGES.notFound);
    return row;
  }

  return {
    findRow,
    link,

    /** Per campaign: deliveries, outcomes and reminders due, counted by PostgreSQL. */
    async counts(ids: number[]): Promise<Map<number, CampaignCounts>> {
      const result = new Map<number, CampaignCounts>(ids.map((id) => [id, emptyCounts()]));
      if (ids.length === 0) return result;
      const jt = link();
      // One GROUP BY over the link table: the query engine has no aggregate with a join.
      const { rows } = (await strapi.db.connection.raw(
        `SELECT l.${jt.inverseJoinColumn.name} AS campaign_id, r.delivery, r.outcome, COUNT(*)::int AS n,
                COUNT(*) FILTER (WHERE r.outcome = 'no_answer' AND r.delivery IN ('sent', 'letter') AND r.reminder_queued_at IS NULL
                  AND COALESCE(r.reminded_at, r.sent_at) <= ?::timestamptz - make_interval(days => COALESCE(c.reminder_days, 21)))::int AS due
           FROM sv_outreach_recipients r
           JOIN ${jt.name} l ON l.${jt.joinColumn.name} = r.id
           JOIN sv_outreach_campaigns c ON c.id = l.${jt.inverseJoinColumn.name}
          WHERE l.${jt.inverseJoinColumn.name} = ANY(?)
          GROUP BY 1, 2, 3`,
        [now().toISOString(), ids],
      )) as { rows: Array<{ campaign_id: number; delivery: keyof CampaignCounts; outcome: Outcome; n: number; due: number }> };
      for (const row of rows) {
        const c = result.get(row.campaign_id);
        if (!c) continue;
        c.total += row.n;
        if (row.delivery === 'pending' || row.delivery === 'sent' || row.delivery === 'failed' || row.delivery === 'letter') c[row.delivery] += row.n;
        c.outcomes[row.outcome] += row.n;
        c.due += row.due;
      }
      return result;
    },

    /** The campaigns of the scope's workshops. */
    async list(scope: WorkshopScope = ALL): Promise<Campaign[]> {
      const all = (await campaigns().findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], populate: { workshop: { select: ['id'] } } })) as CampaignRow[];
      const rows: CampaignRow[] = [];
      for (const row of all) if (reaches(scope, await campaignWorkshop(strapi, row))) rows.push(row);
      const counts = await this.counts(rows.map((r) => r.id));
      return rows.map((row) => present(row, counts.get(row.id) ?? emptyCounts()));
    },

    async findOne(documentId: string): Promise<Campaign> {
      const row = await findRow(documentId);
      const counts = await this.counts([row.id]);
      return present(row, counts.get(row.id) ?? emptyCounts());
    },

    /** A draft of `workshop` (its author's). */
    async create(input: CampaignInput, author: string, workshop: number | null = null): Promise<Campaign> {
      const row = (await campaigns().create({ data: { ...input, status: 'draft', author, ...(workshop != null ? { workshop } : {}) } })) as CampaignRow;
      return this.findOne(row.documentId);
    },

    /** Only a draft changes; its row is locked so a send cannot slip in between. */
    async update(documentId: string, input: CampaignInput): Promise<Campaign> {
      await strapi.db.transaction(async ({ trx }) => {
        const row = await trx('sv_outreach_campaigns').where({ document_id: documentId }).forUpdate().first();
        if (!row) throw new errors.NotFoundError(MESSAGES.notFound);
        if (row.status !== 'draft') throw new errors.ApplicationError(MESSAGES.notDraft);
        await campaigns().update({ where: { id: row.id }, data: { ...input } });
      });
      return this.findOne(documentId);
    },

    async remove(documentId: string): Promise<void> {
      await strapi.db.transaction(async ({ trx }) => {
        const row = await trx('sv_outreach_campaigns').where({ document_id: documentId }).forUpdate().first();
        if (!row) throw new errors.NotFoundError(MESSAGES.notFound);
        if (row.status !== 'draft') throw new errors.ApplicationError(MESSAGES.notDraft);
        await campaigns().delete({ where: { id: row.id } });
      });
    },

    async recipients(documentId: string): Promise<Recipient[]> {
      const row = await findRow(documentId);
      const list = (await strapi.db.query(UID.recipient).findMany({ where: { campaign: { id: row.id } }, orderBy: { name: 'asc' } })) as RecipientRow[];
      const at = now();
      return list.map((r) => ({
        documentId: r.documentId,
        name: r.name,
        email: r.email,
        delivery: r.delivery,
        sentAt: r.sentAt,
        error: r.error,
        outcome: r.outcome,
        outcomeAt: r.outcomeAt,
        remindedAt: r.remindedAt,
        reminderCount: r.reminderCount ?? 0,
        due: !r.reminderQueuedAt && isReminderDue(r, reminderDaysOf(row), at),
      }));
    },

    /** What the workshop writes with: its identity as the documents plugin keeps it. */
    async workshop(): Promise<Record<string, string>> {
      const documents = documentsIdentity(strapi);
      const identity: Partial<Record<WorkshopField, string | null>> = documents
        ? await documents.get()
        : (((await strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true } })) ?? {}) as Partial<Record<WorkshopField, string | null>>);
      const out: Record<string, string> = {};
      for (const key of WORKSHOP_FIELDS) out[key] = identity[key] ?? '';
      if (!out.name) out.name = 'Seconde Vie';
      return out;
    },

    mergeContext(member: Pick<MergeContext, 'structure' | 'contact'>, campaignName: string, workshop: Record<string, string>): MergeContext {
      return { structure: member.structure, contact: member.contact, workshop, campaign: { name: campaignName }, today: formatDate(now()) };
    },

    /** The subject and body filled for one member of the audience (unsaved text allowed). */
    async previewMessage(input: Pick<CampaignInput, 'name' | 'audience' | 'subject' | 'body'>, memberDocumentId?: string, workshops: number[] | null = null): Promise<MessagePreview> {
      const members = await getService(strapi, 'audience').resolve(input.audience, workshops);
      const member = memberDocumentId ? members.find((m) => m.documentId === memberDocumentId) : members[0];
      if (!member) throw new errors.ValidationError(memberDocumentId ? 'Cette structure ne fait pas partie des destinataires.' : MESSAGES.noMember);
      const message = renderMessage(input.subject, input.body, this.mergeContext(member, input.name, await this.workshop()));
      return { recipient: member.name, subject: message.subject, text: message.text, html: message.html };
    },

    /**
     * What the letters' PDF is made of: one letter per recipient by post (for a draft, a preview
     * for every structure of the audience), each with its fields filled.
     */
    async lettersData(documentId: string): Promise<Record<string, unknown>> {
      const campaign = await findRow(documentId);
      let contexts: MergeContext[];
      if (campaign.status === 'draft') {
        const workshop = await this.workshop();
        contexts = (await getService(strapi, 'audience').resolve(campaign.audience, await this.audienceWorkshops(campaign))).map((m) => this.mergeContext(m, campaign.name, workshop));
      } else {
        const rows = (await strapi.db.query(UID.recipient).findMany({ where: { campaign: { id: campaign.id }, delivery: 'letter' }, orderBy: { name: 'asc' } })) as RecipientRow[];
        contexts = rows.map((r) => r.context).filter((c): c is MergeContext => Boolean(c));
      }
      const letters = contexts.map((context) => {
        const message = renderMessage(campaign.subject, campaign.body, context);
        return { structure: context.structure, contact: context.contact, today: context.today, subject: message.subject, paragraphs: message.paragraphs };
      });
      return { campaign: { name: campaign.name }, letters, count: letters.length };
    },

    /** The workshops a campaign's audience is drawn from: its own. */
    async audienceWorkshops(campaign: Pick<CampaignRow, 'workshop'>): Promise<number[]> {
      const workshop = await campaignWorkshop(strapi, campaign);
      return workshop == null ? [] : [workshop];
    },

    /** Records a recipient's answer, and the same as an interaction on the structure. */
    async setOutcome(recipientDocumentId: string, outcome: Outcome, note: string | null, author: string): Promise<Recipient> {
      let campaignDocumentId = '';
      await strapi.db.transaction(async ({ trx }) => {
        const locked = await trx('sv_outreach_recipients').where({ document_id: recipientDocumentId }).forUpdate().first();
        if (!locked) throw new errors.NotFoundError(MESSAGES.recipientNotFound);
        const r = (await strapi.db.query(UID.recipient).findOne({ where: { id: locked.id }, populate: { campaign: true, prescriber: true, donor: true } })) as RecipientRow;
        if (!r.campaign) throw new errors.NotFoundError(MESSAGES.notFound);
        campaignDocumentId = r.campaign.documentId;
        const at = now();
        await strapi.db.query(UID.recipient).update({
          where: { id: r.id },
          data: { outcome, outcomeAt: outcome === 'no_answer' ? null : at, note },
        });
        const party = r.prescriber ? { prescriber: r.prescriber.documentId } : r.donor ? { donor: r.donor.documentId } : null;
        if (!party) return;
        await strapi.documents('api::interaction.interaction').create({
          data: {
            date: at.toISOString(),
            kind: r.delivery === 'letter' ? 'letter' : 'email',
            summary: `Campagne « ${r.campaign.name} » : ${OUTCOME_LABELS[outcome].toLowerCase()}.`,
            outcome: note || OUTCOME_LABELS[outcome],
            author,
            ...party,
          } as never,
        });
      });
      const list = await this.recipients(campaignDocumentId);
      return list.find((x) => x.documentId === recipientDocumentId) as Recipient;
    },
  };
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  no_answer: 'Sans réponse',
  answered: 'A répondu',
  meeting_set: 'Rendez-vous pris',
  declined: 'A décliné',
};

export const isOutcome = (value: unknown): value is Outcome => typeof value === 'string' && (OUTCOMES as string[]).includes(value);

function present(row: CampaignRow, counts: CampaignCounts): Campaign {
  return {
    documentId: row.documentId,
    name: row.name,
    audience: row.audience,
    channel: row.channel,
    subject: row.subject,
    body: row.body,
    reminderDays: reminderDaysOf(row),
    status: row.status,
    sentAt: row.sentAt,
    author: row.author,
    createdAt: row.createdAt,
    counts,
  };
}
