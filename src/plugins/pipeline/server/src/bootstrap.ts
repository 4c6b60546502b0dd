import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** RBAC actions, in Settings → Roles like any plugin's. Per-stage rights are in the workflow (stage.enterRoles). */
export const ACTIONS = [
  { uid: 'board.read', displayName: 'Voir le tableau et l’historique' },
  { uid: 'transition', displayName: 'Faire avancer les fiches (machines ; prescriptions avec la permission suivante)' },
  { uid: 'records.create', displayName: 'Enregistrer effacements, contrôles et pièces posées' },
  { uid: 'settings.update', displayName: 'Configurer les workflows' },
  // Prescriptions name a household: their board, history and matches, and their moves, have their own permissions.
  { uid: 'prescriptions.read', displayName: 'Voir le suivi des prescriptions (tableau, historique, machines proposées)' },
  { uid: 'prescriptions.transition', displayName: 'Faire avancer les prescriptions et y enregistrer des contrôles' },
  // Volunteers' presences at the bench (docs/volunteers.md): signing in and out, who is here now.
  { uid: 'presences.sign', displayName: 'Pointer l’arrivée et le départ des bénévoles, voir qui est là' },
  // The « Bénévoles » page: names, contact-free, but skills and dates of the whole team.
  { uid: 'team.read', displayName: 'Voir la page Bénévoles (l’équipe, ses compétences et formations)' },
  { uid: 'team.manage', displayName: 'Accueillir un·e candidat·e bénévole, enregistrer un départ' },
] as const;

/** Registered in register(): the admin gives the super-admin every action known at its bootstrap. */
export async function registerActions(strapi: Core.Strapi): Promise<void> {
  await strapi.service('admin::permission').actionProvider.registerMany(
    ACTIONS.map((a) => ({ section: 'plugins', displayName: a.displayName, uid: a.uid, pluginName: 'pipeline' }))
  );
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  (strapi.get('webhookStore') as { addAllowedEvent(key: string, value: string): void }).addAllowedEvent('PIPELINE_TRANSITION', 'pipeline.transition');
  await getService(strapi, 'workflows').installDefaults();
};
