import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { today } from '../../../../../shared/server/clock';
import { validMemberships, type MembershipConvention } from '../../../../../shared/server/memberships';
import { HOUSEHOLD, PRESCRIPTION, type PortalActor } from '../domain/scope';
import { MESSAGES } from '../messages';

type Actor = PortalActor & { structureDocumentId: string };

/** A household filed together with its prescription (the pages' form). */
export interface NewHousehold {
  referenceName: string;
  commune: string;
  childrenInCollege: number | null;
  phone: string | null;
}

/**
 * The one way a portal account files a prescription, for the REST API (POST /api/prescriptions,
 * through the scoped controller) and the pages (POST /api/portail/prescriptions): the same
 * membership check, the same household check, the same French errors, the same completed record.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const filing = {
    /**
     * The structure's membership convention in force on the workshop's calendar day
     * (Europe/Paris): the kernel's rule (src/shared/server/memberships.ts), which the pipeline's
     * guard applies too.
     */
    async membership(prescriberId: number): Promise<{ valid: boolean; endDate: string | null }> {
      const prescriber = (await strapi.db.query('api::prescriber.prescriber').findOne({
        where: { id: prescriberId },
        select: ['id'],
        populate: { conventions: { select: ['kind', 'state', 'startDate', 'endDate'] } },
      })) as { conventions?: MembershipConvention[] } | null;
      const valid = validMemberships(prescriber?.conventions ?? [], today());
      return { valid: valid.length > 0, endDate: valid.map((c) => c.endDate).sort().pop() ?? null };
    },

    /** A household named by a prescription must be one the structure refers (400 otherwise); none is allowed. */
    async assertOwnHousehold(actor: Actor, household: unknown): Promise<void> {
      if (household === null || household === undefined) return;
      const documentId = typeof household === 'string' ? household : null;
      const found = documentId
        ? await strapi.documents(HOUSEHOLD).findFirst({ filters: { documentId: { $eq: documentId }, prescriber: { id: { $eq: actor.structureId } } } })
        : null;
      if (!found) throw new errors.ValidationError(MESSAGES.unknownHousehold, { errors: [{ path: ['household'], message: MESSAGES.unknownHousehold, name: 'ValidationError', value: null }] });
    },

    /**
     * Files `data` (writable fields of a prescription, already validated by the caller) for the
     * actor's structure, with a new household or one of its own: together or not at all, only
     * while the membership convention holds. The structure and the day received are set here.
     */
    async file(actor: Actor, data: Record<string, unknown>, newHousehold?: NewHousehold): Promise<{ documentId: string; number: string | null }> {
      return strapi.db.transaction(async () => {
        if (!newHousehold) await filing.assertOwnHousehold(actor, data.household);
        // A PolicyError is the one 403 whose message Strapi passes on: the prescriber must know why.
        if (!(await filing.membership(actor.structureId)).valid) throw new errors.PolicyError(MESSAGES.conventionInactive);
        const day = today();
        const household = newHousehold
          ? (await strapi.documents(HOUSEHOLD).create({ data: { ...newHousehold, consentDate: day, prescriber: actor.structureDocumentId } as never })).documentId
          : data.household;
        const prescription = await strapi.documents(PRESCRIPTION).create({
          data: { ...data, ...(household === undefined ? {} : { household }), prescriber: actor.structureDocumentId, receivedAt: day } as never,
        });
        return { documentId: prescription.documentId, number: (prescription as { number?: string }).number ?? null };
      });
    },
  };
  return filing;
};
