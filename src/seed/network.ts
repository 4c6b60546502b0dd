import type { Core } from '@strapi/strapi';
import { now, runAt } from '../shared/server/clock';
import { defaultWorkshopId } from '../shared/server/default-workshop';
import { ALL } from '../shared/server/workshops';

/** The demo's network accounts (never created in production): the password of the demo's super-admin. */
export const NETWORK_ACCOUNTS = [
  { email: 'gwenaelle.morvan@morlaix.seconde-vie.test', firstname: 'Gwenaëlle', lastname: 'Morvan', role: 'seconde-vie-coordination', workshop: 'morlaix' },
  { email: 'yann.lebihan@reseau.seconde-vie.test', firstname: 'Yann', lastname: 'Le Bihan', role: 'seconde-vie-reseau', workshop: null },
] as const;
const DEMO_PASSWORD = 'SecondeVie-2012';

const MORLAIX = {
  name: 'Atelier du Pays de Morlaix',
  code: 'MX',
  commune: 'Morlaix',
  postalCode: '29600',
  address: '12 rue de Brest',
  postalCodes: '29600, 29610, 29620, 29630, 29640, 29650, 29660, 29670, 29680, 29410, 29400',
};
const BREST_POSTCODES = '29200, 29210, 29220, 29240, 29280, 29290, 29470, 29480, 29490, 29800, 29810, 29820, 29850, 29860, 29880';

interface TransferService {
  propose(input: Record<string, unknown>, staff: { id: number; name: string; scope: typeof ALL }): Promise<{ documentId: string }>;
  step(documentId: string, step: string, staff: { id: number; name: string; scope: typeof ALL }): Promise<unknown>;
}

/**
 * The demo's network (docs/network.md): a second workshop in Morlaix with its coordinator, a
 * regional « Réseau » account, and six flat screens Brest gave Morlaix three weeks ago (proposed,
 * accepted, shipped, received), so a newcomer sees each side and the units' chain naming both.
 * Idempotent: the workshop by its code, the accounts by e-mail, the transfer when none exists.
 */
export async function seedNetwork(strapi: Core.Strapi, count: (uid: 'api::workshop.workshop') => void): Promise<void> {
  const brestId = await defaultWorkshopId(strapi);
  if (brestId == null) return;
  const brest = (await strapi.db.query('api::workshop.workshop').findOne({ where: { id: brestId } })) as { id: number; documentId: string; postalCodes: string | null };
  if (!brest.postalCodes) await strapi.db.query('api::workshop.workshop').update({ where: { id: brest.id }, data: { postalCodes: BREST_POSTCODES } });
  let morlaix = (await strapi.db.query('api::workshop.workshop').findOne({ where: { code: MORLAIX.code } })) as { id: number; documentId: string } | null;
  if (!morlaix) {
    const created = (await strapi.documents('api::workshop.workshop').create({ data: MORLAIX as never })) as unknown as { documentId: string };
    morlaix = (await strapi.db.query('api::workshop.workshop').findOne({ where: { documentId: created.documentId } })) as { id: number; documentId: string };
    count('api::workshop.workshop');
  }
  if (process.env.NODE_ENV !== 'production') {
    for (const account of NETWORK_ACCOUNTS) {
      let user = (await strapi.db.query('admin::user').findOne({ where: { email: account.email } })) as { id: number } | null;
      if (!user) {
        const role = (await strapi.db.query('admin::role').findOne({ where: { code: account.role } })) as { id: number };
        user = (await strapi.service('admin::user').create({
          email: account.email, password: DEMO_PASSWORD, firstname: account.firstname, lastname: account.lastname,
          isActive: true, registrationToken: null, roles: [role.id], preferedLanguage: 'fr',
        })) as { id: number };
      }
      if (account.workshop === 'morlaix') {
        await strapi.db.query('api::workshop.workshop').update({ where: { id: morlaix.id }, data: { members: { connect: [user.id] } } });
      }
    }
  }
  const transfers = strapi.plugin('network')?.service('transfers') as TransferService | undefined;
  if (!transfers) return;
  if ((await strapi.db.query('plugin::network.transfer').count({})) > 0) return;
  // Six flat screens Brest may give (ready ones first, then those on the line), the oldest first.
  // In the seed's transaction: its units are not committed yet.
  const screens = (await strapi.db.transaction(({ trx }) => trx('machines as m')
    .join('machines_workshop_lnk as l', 'l.machine_id', 'm.id')
    .where({ 'l.workshop_id': brest.id, 'm.type': 'screen' })
    .whereNotIn('m.pipeline_stage', ['reserved', 'handed_over', 'dismantled', 'recycled'])
    .orderByRaw("(m.pipeline_stage = 'ready') DESC, m.id")
    .limit(6)
    .select('m.document_id'))) as Array<{ document_id: string }>;
  if (screens.length === 0) return;
  const staff = { id: 0, name: 'Coordination Brest', scope: ALL };
  const morlaixStaff = { id: 0, name: 'Gwenaëlle Morvan', scope: ALL };
  const day = (daysAgo: number) => new Date(now().getTime() - daysAgo * 86400000);
  const proposed = await runAt(day(24), () =>
    transfers.propose({ fromWorkshop: brest.documentId, toWorkshop: morlaix!.documentId, machines: screens.map((s) => s.document_id), notes: 'Écrans plats pour les postes du point numérique de Morlaix.' }, staff),
  );
  await runAt(day(23), () => transfers.step(proposed.documentId, 'accept', morlaixStaff));
  await runAt(day(22), () => transfers.step(proposed.documentId, 'ship', staff));
  await runAt(day(21), () => transfers.step(proposed.documentId, 'receive', morlaixStaff));
}
