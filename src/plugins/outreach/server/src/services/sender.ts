import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { coordinatorAddressesOf } from '../../../../../shared/server/coordinators';
import type { Progress } from '../../../shared/contracts';
import type { OutreachConfig } from '../config';
import { TemplateError } from '../../../../../shared/server/templating';
import { renderMessage, type MergeContext } from '../domain/merge';
import { reminderCutoff } from '../domain/reminders';
import { throttleWait } from '../domain/throttle';
import { ConflictError, getService, UID } from '../utils';
import { MESSAGES, reminderDaysOf, type RecipientRow } from './campaigns';
import { composeMail, sendMail } from '../../../../../shared/mail';
import { jobs } from '../../../../../shared/server/jobs';
import { now } from '../../../../../shared/server/clock';
import { documentsService } from '../../../../../shared/server/documents';

export interface Author {
  id: number | null;
  name: string;
}

export interface SendResult {
  emails: number;
  letters: number;
  /** The letters' PDF, when some recipients get a letter (null if its generation failed: see lettersError). */
  lettersDocument: { documentId: string; number: string } | null;
  lettersError: string | null;
}


export const REMINDER_PREFIX = 'Relance : ';

const errorText = (error: unknown) =>
  (error instanceof TemplateError ? `Texte de la campagne illisible : ${error.message}` : `Refusé par le serveur d'envoi : ${(error as Error)?.message ?? String(error)}`).slice(0, 500);

/** The reason recorded for an e-mail whose send was interrupted (crash between sending and recording). */
export const INTERRUPTED = "Envoi interrompu (arrêt du serveur pendant l'envoi) : l'e-mail est peut-être parti ; il n'est pas renvoyé automatiquement.";

/** The pg-boss queue working the campaign e-mails (one job = at most one e-mail). */
export const SEND_QUEUE = 'outreach-send';
/** E-mails one job handles at most before handing over to a continuation job. */
const PER_JOB = 10;

type Step = { kind: 'none' } | { kind: 'wait'; ms: number } | { kind: 'done' };
interface Claim {
  step: Step;
  recipient?: RecipientRow;
}

/**
 * Sending: the send route snapshots the audience into recipient rows, then jobs of the
 * `outreach-send` queue (pg-boss, policy `singleton`: one running at a time across all
 * instances) send them one by one, at most `sendPerMinute` a minute counted from the claims
 * recorded in the database. Each e-mail is claimed and marked `sendingAt` in a committed
 * transaction before it leaves, then recorded: a mark found by a later job means a crash
 * between the two, recorded as failed with a French reason, never re-sent.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::outreach') as OutreachConfig;

  /** Claims the next recipient, or says how long the rate limit asks to wait. */
  async function claim(): Promise<Claim> {
    return strapi.db.transaction(async ({ trx }): Promise<Claim> => {
      // Raw SQL for SKIP LOCKED, which the query engine does not offer.
      const { rows } = (await trx.raw(
        `SELECT id, sending_at FROM sv_outreach_recipients
          WHERE (delivery = 'pending' OR reminder_queued_at IS NOT NULL)
          ORDER BY sending_at NULLS LAST, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      )) as { rows: Array<{ id: number; sending_at: Date | null }> };
      if (rows.length === 0) return { step: { kind: 'none' } };
      const r = (await strapi.db.query(UID.recipient).findOne({ where: { id: rows[0].id }, populate: { campaign: true } })) as RecipientRow;
      const reminder = r.delivery !== 'pending';
      if (rows[0].sending_at) {
        await strapi.db.query(UID.recipient).update({ where: { id: r.id }, data: reminder ? { reminderQueuedAt: null, sendingAt: null, error: INTERRUPTED } : { delivery: 'failed', sendingAt: null, error: INTERRUPTED } });
        strapi.log.warn(`[outreach] destinataire ${r.id} : ${INTERRUPTED}`);
        return { step: { kind: 'done' } };
      }
      if (!r.campaign || !r.email || !r.context) {
        await strapi.db.query(UID.recipient).update({ where: { id: r.id }, data: reminder ? { reminderQueuedAt: null } : { delivery: 'failed', error: 'Aucune adresse e-mail.' } });
        return { step: { kind: 'done' } };
      }
      // Raw SQL: the one-row rate-limit table is the project's, not a content type; locking it serialises claims.
      const state = (await trx.raw('SELECT last_claim_at FROM sv_outreach_send_state WHERE id = 1 FOR UPDATE')) as { rows: Array<{ last_claim_at: Date | null }> };
      const wait = throttleWait(state.rows[0]?.last_claim_at ?? null, new Date(), config().sendPerMinute);
      if (wait > 0) return { step: { kind: 'wait', ms: wait } };
      const at = new Date();
      await trx.raw('UPDATE sv_outreach_send_state SET last_claim_at = ? WHERE id = 1', [at]);
      await strapi.db.query(UID.recipient).update({ where: { id: r.id }, data: { sendingAt: at } });
      return { step: { kind: 'done' }, recipient: r };
    });
  }

  /** Sends a claimed recipient's e-mail, then records the outcome (after the claim's commit). */
  async function deliver(r: RecipientRow): Promise<void> {
    const reminder = r.delivery !== 'pending';
    const campaign = r.campaign!;
    try {
      // Texts were checked on save; a render error is still recorded, never retried forever.
      const message = renderMessage(campaign.subject, campaign.body, { ...(r.context as MergeContext) });
      await sendMail(strapi, { to: r.email! }, { ...message, subject: reminder ? `${REMINDER_PREFIX}${message.subject}` : message.subject });
    } catch (error) {
      await strapi.db.query(UID.recipient).update({
        where: { id: r.id },
        data: reminder ? { reminderQueuedAt: null, sendingAt: null, error: errorText(error) } : { delivery: 'failed', sendingAt: null, error: errorText(error) },
      });
      return;
    }
    const at = now();
    await strapi.db.query(UID.recipient).update({
      where: { id: r.id },
      data: reminder
        ? { reminderQueuedAt: null, sendingAt: null, remindedAt: at, reminderCount: (r.reminderCount ?? 0) + 1, error: null }
        : { delivery: 'sent', sentAt: at, sendingAt: null, error: null },
    });
  }

  /** Campaigns whose last e-mail went out become `sent`. */
  async function finishCampaigns(): Promise<void> {
    const jt = getService(strapi, 'campaigns').link();
    await strapi.db.connection.raw(
      `UPDATE sv_outreach_campaigns c SET status = 'sent'
        WHERE c.status = 'sending' AND NOT EXISTS (
          SELECT 1 FROM sv_outreach_recipients r JOIN ${jt.name} l ON l.${jt.joinColumn.name} = r.id
           WHERE l.${jt.inverseJoinColumn.name} = c.id AND r.delivery = 'pending')`,
    );
  }

  /**
   * One job of the send queue: sends pending e-mails at the allowed rate, at most a batch or a
   * minute's worth (or until the instance stops), then leaves a continuation job that any
   * instance may take if some remain.
   */
  async function work(): Promise<void> {
    const queue = jobs(strapi);
    const until = Date.now() + 60_000;
    let next: number | null = null;
    for (let handled = 0; handled < PER_JOB && !queue.stopping(); handled += 1) {
      const { step, recipient } = await claim();
      if (recipient) await deliver(recipient);
      await finishCampaigns();
      if (step.kind === 'none') return;
      next = step.kind === 'wait' ? step.ms : 0;
      if (Date.now() + next > until) break;
      if (next > 0 && !(await queue.pause(next))) break;
    }
    await queue.send(SEND_QUEUE, {}, { startAfter: new Date(Date.now() + (next ?? 0)) });
  }

  const api = {
    /** Declares the send queue (plugin bootstrap); pending e-mails are looked at once jobs start. */
    declare(): void {
      jobs(strapi).defineQueue({
        name: SEND_QUEUE,
        policy: 'singleton',
        // A database error retries the job (bounded); an SMTP refusal is recorded, never retried.
        retryLimit: 5,
        retryDelaySeconds: 30,
        // A job lost with its instance frees the queue after this long.
        expireInSeconds: 120,
        handler: () => work(),
        onStart: () => api.kick(),
      });
    },

    /** Queues a look at the pending e-mails (after a send, after queuing reminders, at start). */
    kick(): void {
      jobs(strapi)
        .send(SEND_QUEUE, {})
        .catch((error: Error) => strapi.log.error(`[outreach] file d'envoi : ${error.message}`));
    },

    /** Snapshots the audience and queues the e-mails; 409 when the campaign is not a draft any more. */
    async send(documentId: string, author: Author): Promise<SendResult> {
      const campaigns = getService(strapi, 'campaigns');
      const workshop = await campaigns.workshop();
      const counted = await strapi.db.transaction(async ({ trx }) => {
        const locked = await trx('sv_outreach_campaigns').where({ document_id: documentId }).forUpdate().first();
        if (!locked) throw new errors.NotFoundError(MESSAGES.notFound);
        if (locked.status !== 'draft') throw new ConflictError('Cette campagne a déjà été envoyée : rien n’est renvoyé.');
        const campaign = await campaigns.findRow(documentId);
        // The campaign's workshop's audience, whoever presses « Envoyer ».
        const members = await getService(strapi, 'audience').resolve(campaign.audience, await campaigns.audienceWorkshops(campaign));
        const chosen = members
          .map((m) => ({ m, delivery: campaign.channel === 'letter' ? 'letter' : m.email ? 'pending' : campaign.channel === 'both' ? 'letter' : null }))
          .filter((x): x is { m: (typeof members)[number]; delivery: 'letter' | 'pending' } => x.delivery !== null);
        if (chosen.length === 0) {
          throw new errors.ValidationError(members.length === 0 ? MESSAGES.noMember : "Aucune de ces structures n'a d'adresse e-mail : choisissez « Courrier » ou « E-mail et courrier ».");
        }
        const at = now();
        for (const { m, delivery } of chosen) {
          await strapi.db.query(UID.recipient).create({
            data: {
              campaign: campaign.id,
              [m.target]: m.id,
              name: m.name,
              email: m.email,
              delivery,
              sentAt: delivery === 'letter' ? at : null,
              outcome: 'no_answer',
              reminderCount: 0,
              context: campaigns.mergeContext(m, campaign.name, workshop),
            },
          });
        }
        const emails = chosen.filter((c) => c.delivery === 'pending').length;
        await strapi.db.query(UID.campaign).update({ where: { id: campaign.id }, data: { status: emails > 0 ? 'sending' : 'sent', sentAt: at } });
        return { emails, letters: chosen.length - emails };
      });
      const result: SendResult = { ...counted, lettersDocument: null, lettersError: null };
      if (counted.letters > 0) {
        try {
          result.lettersDocument = await api.generateLetters(documentId, author);
        } catch (error) {
          result.lettersError = `Les courriers n'ont pas pu être générés : ${(error as Error).message}`;
          strapi.log.error(`[outreach] ${result.lettersError}`);
        }
      }
      api.kick();
      return result;
    },

    /** One PDF with a letter per recipient by post, through the documents plugin. */
    async generateLetters(documentId: string, author: Author): Promise<{ documentId: string; number: string }> {
      const documents = documentsService(strapi);
      if (!documents) throw new errors.ApplicationError("Le module Documents n'est pas activé : courriers impossibles.");
      const doc = await documents.generate({ kind: 'outreach-letters', documentId }, author);
      return { documentId: doc.documentId, number: doc.number };
    },

    async progress(documentId: string): Promise<Progress> {
      const campaign = await getService(strapi, 'campaigns').findRow(documentId);
      const counts = (await getService(strapi, 'campaigns').counts([campaign.id])).get(campaign.id);
      const queued = await strapi.db.query(UID.recipient).count({ where: { campaign: { id: campaign.id }, reminderQueuedAt: { $notNull: true } } });
      return {
        status: campaign.status,
        total: counts?.total ?? 0,
        pending: counts?.pending ?? 0,
        sent: counts?.sent ?? 0,
        failed: counts?.failed ?? 0,
        letter: counts?.letter ?? 0,
        remindersQueued: queued,
      };
    },

    /**
     * Queues one reminder e-mail for each recipient due one (with an address); a second call finds
     * them queued or just reminded, so nobody is reminded twice for one due date.
     */
    async queueReminders(documentId: string): Promise<{ queued: number; byLetter: number }> {
      const result = await strapi.db.transaction(async ({ trx }) => {
        const locked = await trx('sv_outreach_campaigns').where({ document_id: documentId }).forUpdate().first();
        if (!locked) throw new errors.NotFoundError(MESSAGES.notFound);
        if (locked.status === 'draft') throw new errors.ApplicationError("Cette campagne n'est pas encore envoyée.");
        const cutoff = reminderCutoff(reminderDaysOf({ reminderDays: locked.reminder_days }), now());
        const due = (await strapi.db.query(UID.recipient).findMany({
          where: {
            campaign: { id: locked.id },
            outcome: 'no_answer',
            reminderQueuedAt: { $null: true },
            delivery: { $in: ['sent', 'letter'] },
            $or: [{ remindedAt: { $lte: cutoff } }, { remindedAt: { $null: true }, sentAt: { $lte: cutoff } }],
          },
          select: ['id', 'delivery', 'email'],
        })) as Array<Pick<RecipientRow, 'id' | 'delivery' | 'email'>>;
        // Structures first written to by post are reminded by e-mail when they have an address now.
        const byEmail = due.filter((r) => r.email);
        if (byEmail.length) {
          await strapi.db.query(UID.recipient).updateMany({ where: { id: { $in: byEmail.map((r) => r.id) } }, data: { reminderQueuedAt: now() } });
        }
        return { queued: byEmail.length, byLetter: due.length - byEmail.length };
      });
      if (result.queued > 0) api.kick();
      return result;
    },

    /**
     * The daily job: tells each workshop's coordinators how many recipients of its own campaigns
     * are due a reminder, per campaign (one e-mail per workshop; a campaign without a workshop,
     * from before the network, is the default workshop's).
     */
    async notifyCoordinators(): Promise<{ due: number; notified: string[] }> {
      const workshops = (await strapi.db.query('api::workshop.workshop').findMany({ select: ['id'], orderBy: { id: 'asc' } })) as Array<{ id: number }>;
      let dueTotal = 0;
      const notified = new Set<string>();
      const failures: Error[] = [];
      for (const workshop of workshops) {
        const due = (await getService(strapi, 'campaigns').list({ all: false, ids: [workshop.id] })).filter((c) => c.counts.due > 0);
        const total = due.reduce((n, c) => n + c.counts.due, 0);
        dueTotal += total;
        if (total === 0) continue;
        const to = await coordinatorAddressesOf(strapi, workshop.id);
        if (to.length === 0) continue;
        const lines = due.map((c) => `${c.name} : ${c.counts.due} structure(s) sans réponse depuis ${c.reminderDays} jours`);
        try {
          await sendMail(
            strapi,
            { to },
            composeMail({
              subject: `Campagnes : ${total} structure(s) à relancer`,
              blocks: ['Bonjour,', `${total} structure(s) n'ont pas répondu aux campagnes suivantes :`, { list: lines }, "Ouvrez « Campagnes » dans l'administration pour les relancer."],
            }),
          );
          for (const address of to) notified.add(address);
        } catch (error) {
          // One workshop's failure does not keep the others' reports from leaving.
          failures.push(error as Error);
        }
      }
      if (failures.length > 0) throw failures[0];
      return { due: dueTotal, notified: [...notified] };
    },
  };
  return api;
};
