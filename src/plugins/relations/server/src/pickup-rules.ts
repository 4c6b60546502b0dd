import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { inForce } from './domain/conventions';

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
}

/** A relation value that would change the link (the content manager sends empty connect/disconnect when untouched). */
function changesRelation(value: unknown): boolean {
  if (value === undefined) return false;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown };
    return (v.connect?.length ?? 0) > 0 || (v.disconnect?.length ?? 0) > 0 || v.set !== undefined;
  }
  return true;
}

const refuse = (path: string, message: string): never => {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError', value: null }] });
};

/**
 * A pickup's state and donation change only through the relations routes (« Collecte faite »,
 * « Annuler »), which write with the Query Engine: a Document Service write (content manager, REST)
 * that tried would mark a pickup done without its donation, or reopen a done one and let it create a
 * second donation.
 */
async function guardLifecycle(strapi: Core.Strapi, ctx: DocumentContext) {
  const data = ctx.params.data ?? {};
  const lifecycleMessage = 'state : l’état d’une collecte change par « Collecte faite » ou « Annuler » (Relations › Collectes), jamais à la main.';
  const donationMessage = 'donation : le don est créé et lié quand la collecte est faite (Relations › Collectes).';
  if (changesRelation(data.donation)) refuse('donation', donationMessage);
  if (data.state === undefined) return;
  if (ctx.action === 'create') {
    if (data.state !== 'planned') refuse('state', lifecycleMessage);
    return;
  }
  const current = (await strapi.db.query('api::pickup.pickup').findOne({ where: { documentId: ctx.params.documentId }, select: ['state'] })) as { state: string } | null;
  if (current && current.state !== data.state) refuse('state', lifecycleMessage);
}

type Convention = { id: number; kind: string; state: string; number: string; startDate: string | null; endDate: string | null; donor: { id: number } | null };

/**
 * Document Service middleware: a pickup is planned under a partnership convention in force on its
 * date, and its donor is the convention's (derived, never typed). Runs for the admin's content
 * manager and the relations routes alike, inside the write's transaction.
 */
export function pickupRulesMiddleware(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (ctx.uid !== 'api::pickup.pickup' || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    await guardLifecycle(strapi, ctx);
    return strapi.db.transaction(async () => {
      const result = (await next()) as { documentId?: string } | null;
      if (!result?.documentId) return result;
      const pickup = (await strapi.db.query('api::pickup.pickup').findOne({
        where: { documentId: result.documentId },
        populate: { convention: { populate: { donor: { select: ['id'] } } }, donor: { select: ['id'] } },
      })) as { id: number; state: string; plannedAt: string | null; convention: Convention | null; donor: { id: number } | null } | null;
      if (!pickup) return result;
      const c = pickup.convention;
      const fail = (message: string) => refuse('convention', message);
      if (!c) fail('convention : une collecte se planifie au titre d’une convention de partenariat signée.');
      else if (c.kind !== 'partnership') fail(`convention : ${c.number} est une convention d’adhésion ; une collecte relève d’une convention de partenariat.`);
      else if (pickup.state === 'planned' && !inForce(c, String(pickup.plannedAt ?? '').slice(0, 10))) {
        fail(`convention : ${c.number} n’est pas signée et en cours de validité à la date de la collecte : impossible de la planifier.`);
      }
      const donorId = c?.donor?.id ?? null;
      if (donorId !== (pickup.donor?.id ?? null)) {
        await strapi.db.query('api::pickup.pickup').update({ where: { id: pickup.id }, data: { donor: donorId } });
      }
      return result;
    });
  };
}
