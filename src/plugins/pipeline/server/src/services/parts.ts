import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../actor';
import { MACHINE_UID } from '../domain/workflow';
import { ConflictError } from '../../../../../shared/server/errors';
import { getService } from '../utils';
import { coordinatorAddressesOf } from '../../../../../shared/server/coordinators';
import { composeMail, sendMail } from '../../../../../shared/mail';

const PART = 'api::part.part';

/** Fitting parts to machines: stock decremented atomically, never below zero. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async fit(machineDocumentId: string, partDocumentId: string, quantity: number, actor: Actor) {
    const crossed = await strapi.db.transaction(async ({ trx, onCommit }) => {
      await getService(strapi, 'records').lock(MACHINE_UID, machineDocumentId);
      const table = strapi.db.metadata.get(PART).tableName;
      // Raw SQL: a conditional decrement is the atomic way to never go below zero.
      const updated = (await trx(table)
        .where({ document_id: partDocumentId })
        .andWhere('quantity_on_hand', '>=', quantity)
        .decrement('quantity_on_hand', quantity)
        .returning(['id', 'description', 'quantity_on_hand', 'low_stock_threshold'])) as Array<{
        id: number;
        description: string;
        quantity_on_hand: number;
        low_stock_threshold: number;
      }>;
      if (updated.length === 0) {
        const part = await strapi.db.query(PART).findOne({ where: { documentId: partDocumentId }, select: ['description', 'quantityOnHand'] });
        if (!part) throw new errors.NotFoundError('Pièce introuvable.');
        throw new ConflictError(`Stock insuffisant : il reste ${part.quantityOnHand} « ${part.description} ».`, { rule: 'OUT_OF_STOCK', quantityOnHand: part.quantityOnHand });
      }
      const part = updated[0];
      await getService(strapi, 'history').append(
        { subjectType: MACHINE_UID, subjectId: machineDocumentId, kind: 'part_fitted', details: { part: partDocumentId, description: part.description, quantity, remaining: part.quantity_on_hand } },
        actor
      );
      const before = part.quantity_on_hand + quantity;
      const crossedThreshold = before > part.low_stock_threshold && part.quantity_on_hand <= part.low_stock_threshold;
      if (crossedThreshold) onCommit(() => void notifyLowStock(strapi, part.id, part.description, part.quantity_on_hand, part.low_stock_threshold));
      return { remaining: part.quantity_on_hand, crossedThreshold };
    });
    return crossed;
  },
});

/**
 * One e-mail to the coordinators of the part's workshop when a stock line crosses its threshold
 * (not at every fitting below it). A stock line is one part record, which belongs to one workshop
 * (and a unit is fitted only with its own workshop's parts, controllers/records.ts `fitPart`): the
 * quantity compared is that workshop's, never the network's.
 */
async function notifyLowStock(strapi: Core.Strapi, partId: number, description: string, remaining: number, threshold: number): Promise<void> {
  const row = (await strapi.db.query(PART).findOne({ where: { id: partId }, select: ['id'], populate: { workshop: { select: ['id'] } } })) as {
    workshop?: { id: number } | null;
  } | null;
  const to = await coordinatorAddressesOf(strapi, row?.workshop?.id ?? null);
  if (to.length === 0) {
    strapi.log.warn(`[pipeline] stock bas pour « ${description} » (${remaining}) : aucune adresse COORDINATORS_EMAIL`);
    return;
  }
  try {
    await sendMail(
      strapi,
      { to },
      composeMail({ subject: `Stock bas : ${description}`, blocks: [`Il reste ${remaining} « ${description} » en stock (seuil d'alerte : ${threshold}).`] }),
    );
  } catch (error) {
    strapi.log.error(`[pipeline] e-mail de stock bas non envoyé : ${(error as Error).message}`);
  }
}
