import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { defaultWorkshopId } from '../../../../shared/server/default-workshop';
import type { WorkshopScope } from '../../../../shared/server/workshops';
import { MESSAGES } from './services/campaigns';
import { UID } from './utils';

/**
 * Campaigns belong to a workshop (their author's, stored on the campaign). A campaign with none
 * (written before the network) is the default workshop's, as every record was then.
 */
export async function campaignWorkshop(strapi: Core.Strapi, campaign: { workshop?: { id: number } | null }): Promise<number | null> {
  return campaign.workshop?.id ?? (await defaultWorkshopId(strapi));
}

/** Whether a workshop id is within the scope. */
export const reaches = (scope: WorkshopScope, workshopId: number | null): boolean => scope.all || (workshopId != null && scope.ids.includes(workshopId));

/** The workshop a new campaign is recorded for: the author's first one; the default one for a scope over every workshop (as a new record gets). */
export async function authorWorkshop(strapi: Core.Strapi, scope: WorkshopScope): Promise<number | null> {
  return scope.all ? defaultWorkshopId(strapi) : (scope.ids[0] ?? null);
}

/**
 * The campaign's workshop, or a French 404 — the same as a campaign that does not exist — when
 * it is another workshop's: staff of one workshop do not learn another's campaigns exist.
 */
export async function assertCampaignInScope(strapi: Core.Strapi, documentId: string, scope: WorkshopScope): Promise<number | null> {
  const row = (await strapi.db.query(UID.campaign).findOne({ where: { documentId }, select: ['id'], populate: { workshop: { select: ['id'] } } })) as {
    workshop?: { id: number } | null;
  } | null;
  if (!row) throw new errors.NotFoundError(MESSAGES.notFound);
  const workshop = await campaignWorkshop(strapi, row);
  if (!reaches(scope, workshop)) throw new errors.NotFoundError(MESSAGES.notFound);
  return workshop;
}

/** A recipient's campaign must be within the scope; else the recipient is « introuvable » (404). */
export async function assertRecipientInScope(strapi: Core.Strapi, documentId: string, scope: WorkshopScope): Promise<void> {
  const row = (await strapi.db.query(UID.recipient).findOne({
    where: { documentId },
    select: ['id'],
    populate: { campaign: { select: ['id'], populate: { workshop: { select: ['id'] } } } },
  })) as { campaign?: { workshop?: { id: number } | null } | null } | null;
  if (!row?.campaign) throw new errors.NotFoundError(MESSAGES.recipientNotFound);
  if (!reaches(scope, await campaignWorkshop(strapi, row.campaign))) throw new errors.NotFoundError(MESSAGES.recipientNotFound);
}
