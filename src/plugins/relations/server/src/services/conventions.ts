import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ExpiringConvention } from '../../../shared/contracts';
import { addDays, conventionMoveVerdict, EXPIRY_NOTICE_DAYS, MANUAL_MOVES, renewalDates, STATE_LABELS, type ConventionState } from '../domain/conventions';
import { asLifecycle } from '../../../../../shared/server/lifecycle';
import { ConflictError } from '../../../../../shared/server/errors';
import { byWorkshop, coordinatorAddressesOf } from '../../../../../shared/server/coordinators';
import type { Actor } from '../utils';
import { composeMail, sendMail, type MailBlock } from '../../../../../shared/mail';
import * as clock from '../../../../../shared/server/clock';
import { documentsMailer, documentsService } from '../../../../../shared/server/documents';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';

interface Contact {
  email?: string | null;
}
interface Party {
  name: string;
  contacts?: Contact[];
}
interface ConventionRow {
  id: number;
  documentId: string;
  number: string;
  kind: 'partnership' | 'membership';
  state: ConventionState;
  signedAt: string | null;
  startDate: string | null;
  endDate: string | null;
  expiryAlertedAt: string | null;
  donor: (Party & { id: number; documentId: string }) | null;
  prescriber: (Party & { id: number; documentId: string }) | null;
  terms: Record<string, unknown> | null;
  renewalOf: { documentId: string; number: string } | null;
  renewedBy: { documentId: string; number: string; state: ConventionState } | null;
  workshop?: { id: number } | null;
}

const UID = 'api::convention.convention';
const partyOf = (c: ConventionRow) => c.donor ?? c.prescriber;
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The convention lifecycle: state moves, sending with its PDF, renewal, expiry alerts. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const load = async (documentId: string): Promise<ConventionRow> => {
    const row = (await strapi.db.query(UID).findOne({
      where: { documentId },
      populate: {
        donor: { populate: { contacts: true } },
        prescriber: { populate: { contacts: true } },
        terms: true,
        renewalOf: { select: ['documentId', 'number'] },
        renewedBy: { select: ['documentId', 'number', 'state'] },
        workshop: { select: ['id'] },
      },
    })) as ConventionRow | null;
    if (!row) throw new errors.NotFoundError('Convention introuvable.');
    return row;
  };

  /** Sets the state under the row's lock, if it is still `expected`. */
  const setState = (row: ConventionRow, expected: ConventionState, data: Record<string, unknown>) =>
    strapi.db.transaction(async ({ trx }) => {
      // Raw knex: the Query Engine has no row lock; a concurrent move must not apply twice.
      const current = (await trx('conventions').where({ id: row.id }).forUpdate().first('state')) as { state: ConventionState } | undefined;
      if (!current || current.state !== expected) {
        throw new ConflictError(`Cette convention est maintenant « ${STATE_LABELS[current?.state ?? expected]} » : rechargez la page.`);
      }
      await asLifecycle('relations : cycle de vie des conventions', () => strapi.documents(UID).update({ documentId: row.documentId, data: data as never }));
    });

  return {
    load,

    /** Moves a convention to `to`; `sent` issues the convention PDF and e-mails it to the structure's contact. */
    async move(documentId: string, input: { to: ConventionState; signedAt?: string }, actor: Actor) {
      const row = await load(documentId);
      const verdict = conventionMoveVerdict(row.state, input.to);
      if (!verdict.ok) throw new ConflictError(verdict.message, { current: row.state });
      const today = clock.today();
      let sending: { document: string; number: string; to: string[] } | null = null;
      if (input.to === 'sent') {
        const party = partyOf(row);
        const to = (party?.contacts ?? []).map((c) => c.email?.trim()).filter((e): e is string => Boolean(e)).slice(0, 1);
        if (to.length === 0) {
          throw new errors.ValidationError(
            `Aucun contact avec une adresse e-mail pour ${party?.name ?? 'cette convention'} : ajoutez-en une à sa fiche avant d'envoyer la convention.`,
          );
        }
        const kind = row.kind === 'partnership' ? 'partnership-convention' : 'membership-convention';
        const documents = documentsService(strapi);
        const mailer = documentsMailer(strapi);
        if (!documents || !mailer) throw new errors.ApplicationError("Le module Documents n'est pas activé : envoi impossible.");
        // Claim the move first (under the row's lock): a second « Envoyer » at the same moment gets
        // its 409 here, before any PDF is issued or e-mail sent.
        await setState(row, row.state, { state: 'sent' });
        try {
          const doc = await documents.generate({ kind, documentId }, actor);
          // The documents plugin records the sending, failed or not.
          await mailer.send(doc.documentId, { to, message: `Veuillez trouver ci-joint la convention n° ${row.number}, à nous retourner signée.` }, actor);
          sending = { document: doc.documentId, number: doc.number, to };
        } catch (error) {
          // Not sent (render or SMTP failure, 502/503): the convention goes back to where it was.
          await setState({ ...row, state: 'sent' }, 'sent', { state: row.state });
          throw error;
        }
        return { documentId, from: row.state, to: input.to, signedAt: row.signedAt, sending };
      }
      const data: Record<string, unknown> = { state: input.to };
      if (input.to === 'signed') data.signedAt = input.signedAt ?? row.signedAt ?? today;
      await setState(row, row.state, data);
      return { documentId, from: row.state, to: input.to, signedAt: (data.signedAt as string | undefined) ?? row.signedAt, sending };
    },

    /** What the convention's edit-view panel shows: its state, the moves staff can make, its renewal links. */
    async summary(documentId: string) {
      const row = await load(documentId);
      const email = (partyOf(row)?.contacts ?? []).map((c) => c.email?.trim()).find(Boolean) ?? null;
      return {
        documentId,
        number: row.number,
        state: row.state,
        moves: MANUAL_MOVES[row.state],
        canRenew: !row.renewedBy && (row.state === 'signed' || row.state === 'expired'),
        contactEmail: email,
        renewalOf: row.renewalOf,
        renewedBy: row.renewedBy,
        expiryAlertedAt: row.expiryAlertedAt,
      };
    },

    /** Creates the next convention as a draft, with the same parties and terms, starting the day after this one ends. */
    async renew(documentId: string) {
      return strapi.db.transaction(async ({ trx }) => {
        // Lock first, then read: two renewals at once must not both see "no successor yet".
        const locked = (await trx('conventions').where({ document_id: documentId }).forUpdate().first('id')) as { id: number } | undefined;
        if (!locked) throw new errors.NotFoundError('Convention introuvable.');
        const row = await load(documentId);
        if (row.renewedBy) throw new ConflictError(`Cette convention a déjà une suite : ${row.renewedBy.number}.`);
        if (row.state !== 'signed' && row.state !== 'expired') {
          throw new ConflictError(`Seule une convention signée ou expirée se renouvelle (celle-ci est « ${STATE_LABELS[row.state]} »).`);
        }
        const { id: _termsId, ...terms } = row.terms ?? {};
        const dates = renewalDates(row.startDate, row.endDate);
        const created = (await strapi.documents(UID).create({
          data: {
            kind: row.kind,
            state: 'draft',
            // The renewal stays with the workshop of the convention it follows.
            ...(row.workshop ? { workshop: row.workshop.id } : {}),
            ...(row.donor ? { donor: row.donor.documentId } : {}),
            ...(row.prescriber ? { prescriber: row.prescriber.documentId } : {}),
            startDate: dates.startDate,
            endDate: dates.endDate,
            ...(row.terms ? { terms } : {}),
            renewalOf: row.documentId,
          } as never,
        })) as { documentId: string; number: string };
        return { documentId: created.documentId, number: created.number, renewalOf: row.documentId };
      });
    },

    /** Signed conventions ending within the notice window, or already alerted and still signed (of the scope's workshops). */
    async expiring(scope: WorkshopScope = ALL): Promise<ExpiringConvention[]> {
      const today = clock.today();
      const rows = (await strapi.db.query(UID).findMany({
        where: { state: 'signed', endDate: { $notNull: true, $lte: addDays(today, EXPIRY_NOTICE_DAYS) }, ...scopeWhere(UID, scope) },
        populate: { donor: { select: ['name'] }, prescriber: { select: ['name'] }, renewedBy: { select: ['number'] } },
        orderBy: { endDate: 'asc' },
      })) as ConventionRow[];
      return rows.map((c) => ({
        documentId: c.documentId,
        number: c.number,
        party: partyOf(c)?.name ?? '—',
        endDate: String(c.endDate),
        alertedAt: c.expiryAlertedAt,
        renewal: c.renewedBy?.number ?? null,
      }));
    },

    /**
     * The daily job: alerts the coordinators once about each signed convention ending within the
     * notice window (never renewed), and closes the ended ones (`renewed` when a signed successor
     * exists, else `expired`).
     */
    async checkExpiries(today: string): Promise<{ alerted: string[]; expired: string[]; renewed: string[] }> {
      const candidates = (await strapi.db.query(UID).findMany({
        where: { state: 'signed', expiryAlertedAt: { $null: true }, endDate: { $gte: today, $lte: addDays(today, EXPIRY_NOTICE_DAYS) } },
        select: ['id'],
        populate: { renewedBy: { select: ['id'] } },
      })) as Array<{ id: number; renewedBy: { id: number } | null }>;
      const ids = candidates.filter((c) => !c.renewedBy).map((c) => c.id);
      // Raw knex: mark and read back in one UPDATE … RETURNING, so two runs (or two servers) alert once.
      const marked =
        ids.length === 0
          ? []
          : ((await strapi.db
              .connection('conventions')
              .whereIn('id', ids)
              .whereNull('expiry_alerted_at')
              .where('state', 'signed')
              .update({ expiry_alerted_at: clock.now() })
              .returning('id')) as Array<{ id: number }>);
      const alerted = marked.length === 0 ? [] : ((await strapi.db.query(UID).findMany({
        where: { id: { $in: marked.map((m) => m.id) } },
        populate: { donor: { select: ['name'] }, prescriber: { select: ['name'] }, workshop: { select: ['id'] } },
        orderBy: { endDate: 'asc' },
      })) as ConventionRow[]);

      const ended = (await strapi.db.query(UID).findMany({
        where: { state: 'signed', endDate: { $notNull: true, $lt: today } },
        select: ['id', 'documentId', 'number'],
        populate: { renewedBy: { select: ['state'] } },
      })) as Array<{ id: number; documentId: string; number: string; renewedBy: { state: string } | null }>;
      const expired: string[] = [];
      const renewed: string[] = [];
      for (const c of ended) {
        const state = c.renewedBy?.state === 'signed' ? 'renewed' : 'expired';
        // Only if still signed: staff may have terminated it since the list was read.
        const changed = await strapi.db.query(UID).updateMany({ where: { id: c.id, state: 'signed' }, data: { state } });
        if (changed.count > 0) (state === 'renewed' ? renewed : expired).push(c.number);
      }

      // One e-mail per workshop, to its coordinators, listing its conventions only. Each convention
      // carries its own « alerted » mark, so one workshop's send never holds back another's.
      const failures: Error[] = [];
      for (const [workshopId, group] of await byWorkshop(strapi, alerted, (c) => c.workshop?.id)) {
        const to = await coordinatorAddressesOf(strapi, workshopId);
        const lines = group.map((c) => `${c.number} (${partyOf(c)?.name ?? '—'}) : fin le ${frDate(String(c.endDate))}`);
        const blocks: MailBlock[] = [
          'Bonjour,',
          `Ces conventions arrivent à échéance dans moins de ${EXPIRY_NOTICE_DAYS} jours :`,
          { list: lines },
          'Pour préparer la suite : Relations › Conventions à renouveler, bouton « Renouveler ».',
          'Seconde Vie',
        ];
        if (to.length === 0) {
          strapi.log.warn('[relations] alerte d’échéance de convention non envoyée : aucune adresse de coordinateurs (COORDINATORS_EMAIL est vide ; elle reste visible dans Relations).');
          continue;
        }
        const subject = group.length === 1 ? `Convention ${group[0].number} à renouveler` : `${group.length} conventions à renouveler`;
        try {
          await sendMail(strapi, { to }, composeMail({ subject, blocks }));
        } catch (error) {
          // Not sent: unmark this workshop's ones, so the next run alerts them again instead of never.
          await strapi.db.connection('conventions').whereIn('id', group.map((c) => c.id)).update({ expiry_alerted_at: null });
          failures.push(error as Error);
        }
      }
      if (failures.length > 0) throw failures[0];
      return { alerted: alerted.map((c) => c.number), expired, renewed };
    },
  };
};
