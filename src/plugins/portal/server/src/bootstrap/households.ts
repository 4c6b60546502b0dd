import type { Core } from '@strapi/strapi';

const HOUSEHOLD = 'api::household.household';
const PRESCRIPTION = 'api::prescription.prescription';

/**
 * A household belongs to the structure that referred it. When it has no referring structure
 * yet, it takes the one of its (first) prescription: called after every prescription write.
 */
export async function adoptHousehold(strapi: Core.Strapi, prescriptionDocumentId: string): Promise<void> {
  const prescription = (await strapi.db.query(PRESCRIPTION).findOne({
    where: { documentId: prescriptionDocumentId },
    populate: { prescriber: { select: ['id'] }, household: { select: ['id'], populate: { prescriber: { select: ['id'] } } } },
  })) as { prescriber?: { id: number } | null; household?: { id: number; prescriber?: { id: number } | null } | null } | null;
  if (!prescription?.prescriber || !prescription.household || prescription.household.prescriber) return;
  await strapi.db.query(HOUSEHOLD).update({ where: { id: prescription.household.id }, data: { prescriber: prescription.prescriber.id } });
}

/** Households recorded before they had a referring structure get it from their oldest prescription. Idempotent. */
export async function backfillHouseholdPrescribers(strapi: Core.Strapi): Promise<void> {
  const orphans = (await strapi.db.query(HOUSEHOLD).findMany({
    where: { prescriber: { id: { $null: true } } },
    select: ['id'],
    populate: { prescriptions: { select: ['documentId'], orderBy: { id: 'asc' }, limit: 1 } },
  })) as { prescriptions?: { documentId: string }[] }[];
  for (const household of orphans) {
    const first = household.prescriptions?.[0];
    if (first) await adoptHousehold(strapi, first.documentId);
  }
}
