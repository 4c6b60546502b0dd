import type { Core } from '@strapi/strapi';
import { CONDITION_ID, MAIN_WORKSHOP_CONDITION_ID, NETWORK_ROLE, WORKSHOP_PATH } from '../shared/server/workshops';

const CM = 'plugin::content-manager.explorer';
const BUSINESS_TYPES = [
  'api::workshop.workshop',
  'api::donor.donor',
  'api::convention.convention',
  'api::donation.donation',
  'api::machine.machine',
  'api::storage-device.storage-device',
  'api::part.part',
  'api::prescriber.prescriber',
  'api::prescription.prescription',
  'api::household.household',
  'api::interaction.interaction',
  'api::pickup.pickup',
  'api::funder-programme.funder-programme',
  'api::weee-shipment.weee-shipment',
  // The team (docs/volunteers.md): managed by the coordination.
  'api::volunteer.volunteer',
  'api::skill.skill',
  'api::training.training',
  'api::skill-grant.skill-grant',
  // Presences and planned sessions (docs/volunteers.md « Présences et heures »): the coordination
  // enters and corrects them after the fact; the bench signs in and out through the pipeline's routes.
  'api::volunteer-presence.volunteer-presence',
  'api::permanence.permanence',
] as const;

/** Types another branch is adding (issue 13: storage devices): granted only once they exist. */
const OPTIONAL_TYPES = ['api::storage-device.storage-device'] as const;

/** The network's shared public site (docs/network.md): written from the main workshop. */
const SITE_TYPES = ['plugin::site.page', 'plugin::site.settings'] as const;

type Uid = (typeof BUSINESS_TYPES)[number] | (typeof OPTIONAL_TYPES)[number] | (typeof SITE_TYPES)[number];

interface Permission {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[] };
  conditions?: string[];
}

interface RoleSpec {
  code: string;
  name: string;
  description: string;
  permissions: (fieldsOf: (uid: Uid) => string[], exists: (uid: Uid) => boolean) => Permission[];
}

const MEDIA: Permission[] = [
  { action: 'plugin::upload.read' },
  { action: 'plugin::upload.assets.download' },
  { action: 'plugin::upload.assets.copy-link' },
];

const PIPELINE = (actions: string[]): Permission[] => actions.map((a) => ({ action: `plugin::pipeline.${a}` }));
const NETWORK = (actions: string[]): Permission[] => actions.map((a) => ({ action: `plugin::network.${a}` }));

/**
 * A role's content-manager actions on a type. Types that belong to a workshop carry the condition
 * « Fiches de mes ateliers » (src/bootstrap/workshop-condition.ts, docs/network.md); a new record
 * gets its author's workshop, and a write outside them is refused (src/document-service/rules.ts).
 */
const crud = (uid: Uid, fields: string[], actions = ['read', 'create', 'update', 'delete']): Permission[] =>
  actions.map((a) => {
    const permission: Permission = a === 'delete' ? { action: `${CM}.${a}`, subject: uid } : { action: `${CM}.${a}`, subject: uid, properties: { fields } };
    return WORKSHOP_PATH[uid] !== undefined ? { ...permission, conditions: [CONDITION_ID] } : permission;
  });

/** What the network's regional coordination reads: every workshop's records, no household and no one's contact details. */
const NETWORK_HIDDEN: Partial<Record<Uid, string[] | 'all'>> = {
  'api::household.household': 'all',
  'api::volunteer-presence.volunteer-presence': 'all',
  'api::skill-grant.skill-grant': 'all',
  'api::volunteer.volunteer': ['email', 'phone', 'notes', 'badgeCode', 'pin', 'adminUser', 'availability', 'consentDate', 'skillGrants'],
  'api::workshop.workshop': ['members'],
  // A prescription's number, dates, prescriber and units: never its household, its reason or its follow-ups.
  'api::prescription.prescription': ['household', 'needs', 'reason', 'followUps'],
};

/** The staff roles. Super-admins keep Strapi's own role. */
export const ROLES: RoleSpec[] = [
  {
    code: 'seconde-vie-coordination',
    name: 'Coordination',
    description: "Coordinatrices et coordinateurs : tous les contenus de l'atelier.",
    permissions: (fieldsOf, exists) => [
      ...BUSINESS_TYPES.flatMap((uid) => crud(uid, fieldsOf(uid))),
      ...OPTIONAL_TYPES.filter(exists).flatMap((uid) => crud(uid, fieldsOf(uid))),
      ...MEDIA,
      ...PIPELINE(['board.read', 'transition', 'records.create', 'settings.update', 'prescriptions.read', 'prescriptions.transition', 'presences.sign', 'team.read', 'team.manage']),
      { action: 'plugin::intake.import' },
      // Opening a portal account for a prescriber or a donor, with its invitation e-mail.
      { action: 'plugin::portal.accounts.create' },
      // The public site is the network's: read by all, written from the main workshop (docs/network.md).
      // Fields named: the admin's edit view shows only the fields a permission lists.
      ...SITE_TYPES.flatMap((subject) => [
        { action: `${CM}.read`, subject, properties: { fields: fieldsOf(subject) } },
        ...['create', 'update'].map((a) => ({ action: `${CM}.${a}`, subject, properties: { fields: fieldsOf(subject) }, conditions: [MAIN_WORKSHOP_CONDITION_ID] })),
        { action: `${CM}.delete`, subject, conditions: [MAIN_WORKSHOP_CONDITION_ID] },
      ]),
      ...['generate', 'read', 'templates.manage'].map((a) => ({ action: `plugin::documents.${a}` })),
      ...['export', 'erase'].map((a) => ({ action: `plugin::privacy.${a}` })),
      ...['read', 'donors.manage', 'conventions.manage', 'pickups.manage'].map((a) => ({ action: `plugin::relations.${a}` })),
      ...['read', 'send'].map((a) => ({ action: `plugin::outreach.${a}` })),
      ...['read', 'generate'].map((a) => ({ action: `plugin::reporting.${a}` })),
      { action: 'plugin::upload.assets.create' },
      { action: 'plugin::upload.assets.update' },
      // Staff names: an interaction's next step is given to a colleague (picked by name, never by id).
      { action: 'admin::users.read' },
      // Transfers between the network's workshops (docs/network.md).
      ...NETWORK(['transfers.read', 'transfers.manage']),
    ],
  },
  {
    code: 'seconde-vie-atelier',
    name: 'Atelier',
    description: 'Bénévoles de l’atelier : machines, supports de stockage et stock de pièces ; lots en lecture seule ; ni foyer ni prescription.',
    // Least privilege, one line per need (docs/roles.md): nothing here names a household.
    permissions: (fieldsOf, exists) => {
      // Volunteers see which prescription a unit went to only through the coordinators.
      const machineFields = fieldsOf('api::machine.machine').filter((f) => f !== 'prescription');
      return [
        ...crud('api::machine.machine', machineFields, ['read', 'create', 'update']),
        // Devices at the bench; deleting one is refused by the pipeline once its unit left Réception.
        ...OPTIONAL_TYPES.filter(exists).flatMap((uid) => crud(uid, fieldsOf(uid), ['read', 'create', 'update'])),
        ...crud('api::part.part', fieldsOf('api::part.part'), ['read', 'create', 'update']),
        ...crud('api::donation.donation', fieldsOf('api::donation.donation'), ['read']),
        // Names only, so a unit, a donation or a pickup says whose it is and where, never an id.
        ...crud('api::donor.donor', ['name'], ['read']),
        ...crud('api::workshop.workshop', ['name'], ['read']),
        // A donation's or a pickup's convention by its number (CP-2012-004), never by its id.
        ...crud('api::convention.convention', ['number'], ['read']),
        // Machines up to « Prête »: later machine stages name Coordination, and the prescriptions
        // workflow needs `prescriptions.*`, which this role does not hold.
        ...PIPELINE(['board.read', 'transition', 'records.create']),
        // Signing the volunteers at the bench in and out, and who is there now (no history, no hours).
        ...PIPELINE(['presences.sign']),
        // Labels and erasure certificates of the units on the bench: `documents.read` is checked
        // per record and kind (a prescription's form or a traceability report is refused).
        { action: 'plugin::documents.read' },
        // Volunteers drive the pickups: they see the planned ones.
        ...crud('api::pickup.pickup', fieldsOf('api::pickup.pickup'), ['read']),
        { action: 'plugin::relations.read' },
        // The skill catalogue, not the team: Strapi's content manager applies a type's field
        // restrictions to that type's own lists, not to the same records populated through a
        // relation (a grant populated its volunteer whole: contact, notes, badge code), nor to
        // its search box. So Atelier reads no volunteer and no grant; the station says who is at
        // the bench and whether they may certify (docs/roles.md, docs/volunteers.md).
        ...crud('api::skill.skill', fieldsOf('api::skill.skill'), ['read']),
        // Which units leave or arrive by transfer (packing and unpacking them): the coordination decides.
        ...NETWORK(['transfers.read']),
      ];
    },
  },
  {
    code: NETWORK_ROLE,
    name: 'Réseau',
    description: 'Coordination régionale du réseau : lit les fiches et les bilans de tous les ateliers, n’écrit rien ; ni foyer ni coordonnées de bénévole.',
    permissions: (fieldsOf) => [
      ...BUSINESS_TYPES.flatMap((uid) => {
        const hidden = NETWORK_HIDDEN[uid];
        if (hidden === 'all') return [];
        const fields = fieldsOf(uid).filter((f) => !(hidden ?? []).some((h) => f === h || f.startsWith(`${h}.`)));
        // No condition: every workshop.
        return [{ action: `${CM}.read`, subject: uid, properties: { fields } }];
      }),
      ...PIPELINE(['board.read']),
      { action: 'plugin::relations.read' },
      { action: 'plugin::reporting.read' },
      // Issued documents (certificates, conventions, reports): each one is checked like its record
      // and the types it shows (domain/access.ts), so a prescription form or a handover receipt,
      // which name a household, stay refused; nothing is generated or sent.
      { action: 'plugin::documents.read' },
      ...NETWORK(['transfers.read']),
    ],
  },
];

interface RoleService {
  findOne(where: Record<string, unknown>): Promise<{ id: number } | null>;
  create(attrs: Record<string, unknown>): Promise<{ id: number }>;
  assignPermissions(roleId: number, permissions: Permission[]): Promise<unknown>;
}

/** Creates the staff roles when missing and (re)sets their permissions: idempotent. */
export async function ensureAdminRoles(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role') as unknown as RoleService;
  const contentTypeService = strapi.service('admin::content-type') as unknown as {
    getNestedFields(model: unknown, options: { components: unknown }): string[];
  };
  const types = strapi.contentTypes as unknown as Record<string, unknown>;
  const fieldsOf = (uid: Uid) => contentTypeService.getNestedFields(types[uid], { components: strapi.components });
  const exists = (uid: Uid) => uid in types;
  for (const spec of ROLES) {
    const role = (await roles.findOne({ code: spec.code })) ?? (await roles.create({ name: spec.name, code: spec.code, description: spec.description }));
    await roles.assignPermissions(role.id, spec.permissions(fieldsOf, exists));
  }
}
