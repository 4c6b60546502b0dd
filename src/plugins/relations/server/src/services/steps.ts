import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminLink } from '../../../../../shared/server/public-url';
import { digestMail, groupDigest, type DigestEntry, type OpenStep } from '../domain/digest';
import { ConflictError } from '../../../../../shared/server/errors';
import { coordinatorAddresses } from '../../../../../shared/server/coordinators';
import { staffName } from '../utils';
import { sendMail } from '../../../../../shared/mail';
import { now } from '../../../../../shared/server/clock';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';

interface StepRow {
  documentId: string;
  nextStep: string;
  nextStepDue: string;
  donor: { name: string } | null;
  prescriber: { name: string } | null;
  owner: { id: number; firstname?: string | null; lastname?: string | null; email?: string | null } | null;
}

/** Next steps set on interactions: closing one, and the daily digest of due and overdue ones. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Steps with a due date on or before `today`, not done (of the scope's workshops' interactions). */
  async openSteps(today: string, scope: WorkshopScope = ALL): Promise<OpenStep[]> {
    const rows = (await strapi.db.query('api::interaction.interaction').findMany({
      where: {
        nextStep: { $notNull: true, $ne: '' },
        nextStepDue: { $notNull: true, $lte: today },
        nextStepDoneAt: { $null: true },
        ...scopeWhere('api::interaction.interaction', scope),
      },
      select: ['documentId', 'nextStep', 'nextStepDue'],
      populate: { donor: { select: ['name'] }, prescriber: { select: ['name'] }, owner: { select: ['id', 'firstname', 'lastname', 'email'] } },
      orderBy: [{ nextStepDue: 'asc' }, { id: 'asc' }],
    })) as StepRow[];
    return rows.map((r) => ({
      interactionDocumentId: r.documentId,
      text: r.nextStep,
      due: r.nextStepDue,
      party: r.donor?.name ?? r.prescriber?.name ?? '—',
      ownerId: r.owner?.id ?? null,
      ownerName: r.owner ? staffName(r.owner) : null,
      ownerEmail: r.owner?.email ?? null,
    }));
  },

  /** Per owner, the steps due on `today` and the overdue ones; unowned steps under the coordinators. */
  async digest(today: string, scope: WorkshopScope = ALL): Promise<DigestEntry[]> {
    return groupDigest(await this.openSteps(today, scope), today, (await coordinatorAddresses(strapi)));
  },

  /** Sends one French e-mail per owner with at least one due or overdue step. */
  async sendDigest(today: string): Promise<{ sent: number; skipped: string[] }> {
    const board = adminLink(strapi, '/plugins/relations');
    let sent = 0;
    const skipped: string[] = [];
    for (const entry of await this.digest(today)) {
      if (entry.recipients.length === 0) {
        skipped.push(entry.ownerName);
        strapi.log.warn(`[relations] résumé des prochaines étapes non envoyé à ${entry.ownerName} : aucune adresse (COORDINATORS_EMAIL ?)`);
        continue;
      }
      const mail = digestMail(entry, today, board);
      await sendMail(strapi, { to: entry.recipients }, mail);
      sent += 1;
    }
    return { sent, skipped };
  },

  /** Marks an interaction's next step done (once). */
  async markDone(documentId: string) {
    return strapi.db.transaction(async ({ trx }) => {
      // Raw knex: lock the row so two clicks record one completion.
      const row = (await trx('interactions').where({ document_id: documentId }).forUpdate().first('id', 'next_step', 'next_step_done_at')) as
        | { id: number; next_step: string | null; next_step_done_at: Date | null }
        | undefined;
      if (!row) throw new errors.NotFoundError('Interaction introuvable.');
      if (!row.next_step) throw new errors.ValidationError("Cette interaction n'a pas de prochaine étape.");
      if (row.next_step_done_at) throw new ConflictError('Cette prochaine étape est déjà faite.');
      const doneAt = now();
      await strapi.db.query('api::interaction.interaction').update({ where: { id: row.id }, data: { nextStepDoneAt: doneAt } });
      return { documentId, nextStepDoneAt: doneAt.toISOString() };
    });
  },
});
