import type { Core } from '@strapi/strapi';
import type { StructureKind } from '../domain/scope';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

/** users-permissions role `type` of each kind of structure. */
export const PORTAL_ROLE_TYPES: Record<StructureKind, string> = { prescriber: 'prescripteur', donor: 'donateur' };

/** What every signed-in account needs for itself: its profile, its password, its sessions. */
const OWN_ACCOUNT = [
  'plugin::users-permissions.user.me',
  'plugin::users-permissions.auth.changePassword',
  'plugin::users-permissions.auth.logout',
  'plugin::users-permissions.auth.getSessions',
  'plugin::users-permissions.auth.revokeSession',
];

interface PortalRoleSpec {
  type: string;
  name: string;
  description: string;
  /** Exactly these actions: the controllers then narrow each one to the structure's rows. */
  actions: string[];
}

export const PORTAL_ROLES: PortalRoleSpec[] = [
  {
    type: PORTAL_ROLE_TYPES.prescriber,
    name: 'Prescripteur',
    description: 'Structure sociale : ses prescriptions et les foyers qu’elle oriente, rien d’autre.',
    actions: [
      // `delete` reaches the scoped controller, which refuses it (403) for the structure's own
      // records and answers 404 for anyone else's, exactly like a record that does not exist.
      ...['find', 'findOne', 'create', 'update', 'delete'].map((a) => `api::prescription.prescription.${a}`),
      ...['find', 'findOne', 'create', 'update', 'delete'].map((a) => `api::household.household.${a}`),
      // The portal pages' API (/api/portail/…): the same structure's rows, through the plugin's own routes.
      'plugin::portal.account.me',
      ...['list', 'file', 'followUp', 'form', 'blankForm', 'receipt'].map((a) => `plugin::portal.prescriber.${a}`),
      ...OWN_ACCOUNT,
    ],
  },
  {
    type: PORTAL_ROLE_TYPES.donor,
    name: 'Donateur',
    description: 'Donateur : ses lots et ce que sont devenues ses machines, en lecture seule.',
    actions: [
      ...['find', 'findOne', 'delete'].map((a) => `api::donation.donation.${a}`),
      ...['find', 'findOne', 'delete'].map((a) => `api::machine.machine.${a}`),
      'plugin::portal.account.me',
      ...['donations', 'documents', 'file'].map((a) => `plugin::portal.donor.${a}`),
      ...OWN_ACCOUNT,
    ],
  },
];

/**
 * Creates the portal roles when missing and sets their permissions to exactly the list above
 * (a permission added by hand in the panel is removed at the next start). Idempotent.
 */
export async function ensurePortalRoles(strapi: Core.Strapi): Promise<void> {
  for (const spec of PORTAL_ROLES) {
    const role =
      ((await strapi.db.query(ROLE).findOne({ where: { type: spec.type } })) as { id: number } | null) ??
      ((await strapi.db.query(ROLE).create({ data: { type: spec.type, name: spec.name, description: spec.description } })) as { id: number });
    const current = (await strapi.db.query(PERMISSION).findMany({ where: { role: { id: role.id } }, select: ['id', 'action'] })) as {
      id: number;
      action: string;
    }[];
    const extra = current.filter((p) => !spec.actions.includes(p.action)).map((p) => p.id);
    if (extra.length > 0) await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: extra } } });
    const have = new Set(current.map((p) => p.action));
    for (const action of spec.actions.filter((a) => !have.has(a))) {
      await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
    }
  }
}

/** Accounts are created by staff only: public self-registration is off, at every start. */
export async function disableSelfRegistration(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown> | null;
  if (advanced?.allow_register === false && advanced.email_confirmation === false) return;
  // users-permissions' own defaults, in case this runs before its bootstrap wrote them.
  const defaults = { unique_email: true, email_reset_password: null, email_confirmation_redirection: null, default_role: 'authenticated' };
  await store.set({ key: 'advanced', value: { ...defaults, ...advanced, allow_register: false, email_confirmation: false } });
}

/**
 * Routes of users-permissions the portal does not use, closed to the public at every start:
 * self-registration, e-mail confirmation (every account is created confirmed; the route would
 * tell whether an address has an account) and third-party login.
 */
export const CLOSED_PUBLIC_ACTIONS = [
  'plugin::users-permissions.auth.register',
  'plugin::users-permissions.auth.emailConfirmation',
  'plugin::users-permissions.auth.sendEmailConfirmation',
  'plugin::users-permissions.auth.connect',
];

export async function closeUnusedPublicRoutes(strapi: Core.Strapi): Promise<void> {
  const roles = (await strapi.db.query(ROLE).findMany({ where: { type: { $in: ['public', 'authenticated'] } }, select: ['id'] })) as { id: number }[];
  if (roles.length === 0) return;
  await strapi.db.query(PERMISSION).deleteMany({ where: { action: { $in: CLOSED_PUBLIC_ACTIONS }, role: { id: { $in: roles.map((r) => r.id) } } } });
}

/** Codes users-permissions' own reset flow left in clear in `up_users`: no longer valid anywhere. */
export async function clearLegacyResetCodes(strapi: Core.Strapi): Promise<void> {
  await strapi.db.query('plugin::users-permissions.user').updateMany({ where: { resetPasswordToken: { $notNull: true } }, data: { resetPasswordToken: null } });
}
