import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminLink } from '../../../../../shared/server/public-url';
import { digestMail, groupDigest, type DigestEntry, type OpenStep } from '../domain/digest';
import { ConflictError } from '../../../../../shared/server/errors';
import { byWorkshop, coordinatorAddressesOf } from '../../../../../shared/server/coordinators';
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
  workshop: { id: number } | null;
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
      populate: { donor: { select: ['name'] }, prescriber: { select: ['name'] }, owner: { select: ['id', 'firstname', 'lastname', 'email'] }, workshop: { select: ['id'] } },
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
      workshopId: r.workshop?.id ?? null,
    }));
  },

  /**
   * Per workshop and owner, the steps due on `today` and the overdue ones; each workshop's unowned
   * steps under that workshop's coordinators (an interaction without a workshop is the default one's).
   */
  async digest(today: string, scope: WorkshopScope = ALL): Promise<DigestEntry[]> {
    const groups = await byWorkshop(strapi, await this.openSteps(today, scope), (s) => s.workshopId);
    const workshops = (await strapi.db.query('api::workshop.workshop').findMany({ select: ['id', 'name'], orderBy: { id: 'asc' } })) as Array<{ id: number; name: string }>;
    const names = new Map(workshops.map((w) => [w.id, w.name]));
    const entries: DigestEntry[] = [];
    for (const workshopId of [...groups.keys()].sort((a, b) => (a ?? 0) - (b ?? 0))) {
      const steps = groups.get(workshopId) ?? [];
      // Only a workshop with unowned steps needs its coordinators (and may warn it has none).
      const coordinators = steps.some((s) => s.ownerId == null) ? await coordinatorAddressesOf(strapi, workshopId) : [];
      for (const entry of groupDigest(steps, today, coordinators)) {
        entries.push({ ...entry, workshopId, ...(workshops.length > 1 && workshopId != null ? { workshopName: names.get(workshopId) } : {}) });
      }
    }
    return entries;
  },

  /** Sends one French e-mail per owner and workshop with at least one due or overdue step. */
  async sendDigest(today: string): Promise<{ sent: number; skipped: string[] }> {
    const board = adminLink(strapi, '/plugins/relations');
    let sent = 0;
    const skipped: string[] = [];
    const failures: Error[] = [];
    for (const entry of await this.digest(today)) {
      if (entry.recipients.length === 0) {
        skipped.push(entry.ownerName);
        strapi.log.warn(`[relations] résumé des prochaines étapes non envoyé à ${entry.ownerName} : aucune adresse (COORDINATORS_EMAIL ?)`);
        continue;
      }
      const mail = digestMail(entry, today, board);
      try {
        await sendMail(strapi, { to: entry.recipients }, mail);
        sent += 1;
      } catch (error) {
        // One workshop's (or owner's) failure does not keep the others' digests from leaving.
        failures.push(error as Error);
        strapi.log.error(`[relations] résumé des prochaines étapes non envoyé à ${entry.ownerName} : ${(error as Error).message}`);
      }
    }
    // Every other digest has left; the job still reports the failure.
    if (failures.length > 0) throw failures[0];
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
