import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Pickup, SignedConvention } from '../../../shared/contracts';
import { inForce } from '../domain/conventions';
import { ConflictError } from '../../../../../shared/server/errors';
import * as clock from '../../../../../shared/server/clock';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';

const UID = 'api::pickup.pickup';

export interface PlanInput {
  convention: string;
  plannedAt: string;
  site: string;
  contactName?: string;
  contactPhone?: string;
  expectedCount?: number;
  volunteers?: string;
  vehicle?: string;
  notes?: string;
}

const POPULATE = {
  donor: { select: ['documentId', 'name'] },
  convention: { select: ['documentId', 'number'] },
  donation: { select: ['documentId', 'reference'] },
} as const;

const FIELDS = ['documentId', 'plannedAt', 'site', 'contactName', 'contactPhone', 'expectedCount', 'volunteers', 'vehicle', 'state'];

/** Pickups (collectes): planning one under a convention in force, and completing it into a donation. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(range: { from?: string; to?: string; state?: string }, scope: WorkshopScope = ALL): Promise<Pickup[]> {
    const plannedAt: Record<string, string> = {};
    if (range.from) plannedAt.$gte = `${range.from}T00:00:00.000Z`;
    if (range.to) plannedAt.$lte = `${range.to}T23:59:59.999Z`;
    return (await strapi.db.query(UID).findMany({
      where: { ...(Object.keys(plannedAt).length > 0 ? { plannedAt } : {}), ...(range.state ? { state: range.state } : {}), ...scopeWhere(UID, scope) },
      select: FIELDS,
      populate: POPULATE,
      orderBy: { plannedAt: 'asc' },
    })) as Pickup[];
  },

  /** Partnership conventions a pickup can be planned under today (for the planning form). */
  async signedConventions(scope: WorkshopScope = ALL): Promise<SignedConvention[]> {
    const today = clock.today();
    const rows = (await strapi.db.query('api::convention.convention').findMany({
      where: { kind: 'partnership', state: 'signed', ...scopeWhere('api::convention.convention', scope) },
      select: ['documentId', 'number', 'state', 'startDate', 'endDate'],
      // The site proposed is the last of the planner's workshops' donations: the donor is shared, its other donations are not.
      populate: {
        donor: {
          select: ['name'],
          populate: { donations: { select: ['collectionSite'], where: scopeWhere('api::donation.donation', scope), orderBy: { collectedAt: 'desc' } } },
        },
      },
      orderBy: { number: 'asc' },
    })) as Array<{ documentId: string; number: string; state: string; startDate: string | null; endDate: string | null; donor: { name: string; donations?: Array<{ collectionSite: string | null }> } | null }>;
    return rows
      .filter((c) => inForce(c, today))
      .map((c) => ({ documentId: c.documentId, number: c.number, donor: c.donor?.name ?? '—', site: c.donor?.donations?.[0]?.collectionSite ?? null }));
  },

  /**
   * Plans a pickup; the document middleware checks its convention and sets its donor. The pickup
   * belongs to its convention's workshop (the route checked it is the planner's).
   */
  async plan(input: PlanInput): Promise<Pickup> {
    const convention = (await strapi.db.query('api::convention.convention').findOne({
      where: { documentId: input.convention },
      select: ['id'],
      populate: { workshop: { select: ['id'] } },
    })) as { workshop?: { id: number } | null } | null;
    const workshop = convention?.workshop?.id;
    const created = (await strapi.documents(UID).create({ data: { ...input, state: 'planned', ...(workshop ? { workshop } : {}) } as never })) as { documentId: string };
    return this.findOne(created.documentId);
  },

  async findOne(documentId: string): Promise<Pickup> {
    const row = (await strapi.db.query(UID).findOne({ where: { documentId }, select: FIELDS, populate: POPULATE })) as Pickup | null;
    if (!row) throw new errors.NotFoundError('Collecte introuvable.');
    return row;
  },

  /** Cancels a planned pickup. */
  async cancel(documentId: string): Promise<Pickup> {
    await strapi.db.transaction(async ({ trx }) => {
      const row = (await trx('pickups').where({ document_id: documentId }).forUpdate().first('id', 'state')) as { id: number; state: string } | undefined;
      if (!row) throw new errors.NotFoundError('Collecte introuvable.');
      if (row.state !== 'planned') throw new ConflictError(row.state === 'done' ? 'Cette collecte est déjà faite.' : 'Cette collecte est déjà annulée.');
      await strapi.db.query(UID).update({ where: { id: row.id }, data: { state: 'cancelled' } });
    });
    return this.findOne(documentId);
  },

  /**
   * Completes a planned pickup: creates its donation (donor, convention, count, date, site) and
   * links it, in one transaction with the pickup's row locked, so a second call creates nothing.
   */
  async complete(documentId: string, input: { collectedAt?: string; count?: number }): Promise<Pickup> {
    await strapi.db.transaction(async ({ trx }) => {
      // Raw knex: the Query Engine has no row lock; completing twice must not create two donations.
      const locked = (await trx('pickups').where({ document_id: documentId }).forUpdate().first('id', 'state')) as { id: number; state: string } | undefined;
      if (!locked) throw new errors.NotFoundError('Collecte introuvable.');
      if (locked.state === 'done') throw new ConflictError('Cette collecte est déjà faite : son lot a été créé.');
      if (locked.state === 'cancelled') throw new ConflictError('Cette collecte est annulée : elle ne peut pas être faite.');
      const pickup = (await strapi.db.query(UID).findOne({
        where: { id: locked.id },
        populate: { donor: { select: ['documentId'] }, convention: { select: ['documentId', 'number'] }, workshop: { select: ['id'] } },
      })) as { workshop?: { id: number } | null; id: number; plannedAt: string; site: string; expectedCount: number | null; volunteers: string | null; vehicle: string | null; donor: { documentId: string } | null; convention: { documentId: string; number: string } | null };
      const count = input.count ?? pickup.expectedCount ?? undefined;
      const donation = (await strapi.documents('api::donation.donation').create({
        data: {
          // The donation is the pickup's workshop's.
          ...(pickup.workshop ? { workshop: pickup.workshop.id } : {}),
          donor: pickup.donor?.documentId,
          convention: pickup.convention?.documentId,
          announcedCount: count ?? null,
          collectedAt: input.collectedAt ?? String(pickup.plannedAt).slice(0, 10),
          collectionSite: pickup.site,
          notes: [`Collecte planifiée le ${String(pickup.plannedAt).slice(0, 10)}`, pickup.vehicle && `véhicule : ${pickup.vehicle}`, pickup.volunteers && `équipe : ${pickup.volunteers}`]
            .filter(Boolean)
            .join(' ; '),
        } as never,
      })) as { id: number };
      await strapi.db.query(UID).update({ where: { id: pickup.id }, data: { state: 'done', donation: donation.id } });
    });
    return this.findOne(documentId);
  },
});
