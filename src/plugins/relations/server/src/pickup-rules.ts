import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { type OwnedField } from '../../../../shared/server/lifecycle';
import { inForce } from './domain/conventions';

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
}

/**
 * States this plugin's lifecycle owns: a convention's `state` (its lifecycle routes and the daily
 * job), a pickup's `state` and `donation` (« Collecte faite », « Annuler »). A content-manager or
 * REST write that would change them is refused (400); a new one or a copy starts « Brouillon » /
 * « Planifiée ».
 */
export const LIFECYCLE_FIELDS: OwnedField[] = [
  {
    uid: 'api::convention.convention',
    field: 'state',
    kind: 'value',
    initial: ['draft'],
    message:
      'state : l’état d’une convention change par son cycle de vie (Relations › « Cycle de vie » de la convention : Envoyer, Marquer signée, Résilier, Renouveler ; échéance par le contrôle quotidien), jamais à la main. Une nouvelle convention commence « Brouillon ».',
  },
  {
    uid: 'api::pickup.pickup',
    field: 'state',
    kind: 'value',
    initial: ['planned'],
    message: 'state : l’état d’une collecte change par « Collecte faite » ou « Annuler » (Relations › Collectes), jamais à la main.',
  },
  { uid: 'api::pickup.pickup', field: 'donation', kind: 'relation', message: 'donation : le don est créé et lié quand la collecte est faite (Relations › Collectes).' },
];

const refuse = (path: string, message: string): never => {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError', value: null }] });
};

type Convention = { id: number; kind: string; state: string; number: string; startDate: string | null; endDate: string | null; donor: { id: number } | null };

/**
 * Document Service middleware: a pickup is planned under a partnership convention in force on its
 * date, and its donor is the convention's (derived, never typed). Runs for the admin's content
 * manager (a copy included) and the relations routes alike, inside the write's transaction. Its
 * state and donation are the lifecycle's (`LIFECYCLE_FIELDS`).
 */
export function pickupRulesMiddleware(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (ctx.uid !== 'api::pickup.pickup' || !['create', 'update', 'clone'].includes(ctx.action)) return next();
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
