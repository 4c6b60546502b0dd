import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { COMPONENT_LABELS, TYPE_LABELS, type Label, type TypeLabels } from '../shared/labels';
import { FIELD_HINTS } from '../shared/field-hints';

interface ViewSpec {
  list?: string[];
  mainField?: string;
  sort?: [string, 'ASC' | 'DESC'];
  /** Fields the app fills itself: shown, never typed. */
  readOnly?: string[];
  /** Fields kept out of the edit form: a side panel shows them in words (a stage's name, not its key). */
  hidden?: string[];
}

/** Columns and main fields staff see first; labels come from shared/labels.ts. */
export const VIEWS: Record<string, ViewSpec> = {
  'api::workshop.workshop': {
    list: ['name', 'commune', 'isDefault'],
    mainField: 'name',
    sort: ['name', 'ASC'],
  },
  'api::donor.donor': {
    list: ['name', 'kind', 'relationship', 'commune', 'ordiLabelDate'],
    mainField: 'name',
    sort: ['name', 'ASC'],
  },
  'api::convention.convention': {
    list: ['number', 'kind', 'donor', 'prescriber', 'state', 'endDate'],
    mainField: 'number',
    sort: ['number', 'DESC'],
    readOnly: ['number', 'state'],
  },
  'api::donation.donation': {
    list: ['reference', 'donor', 'collectedAt', 'announcedCount', 'machines'],
    mainField: 'reference',
    sort: ['collectedAt', 'DESC'],
    readOnly: ['reference'],
  },
  'api::machine.machine': {
    list: ['labelCode', 'type', 'brand', 'model', 'donor', 'conditionGrade', 'pipelineStage'],
    mainField: 'labelCode',
    sort: ['labelCode', 'ASC'],
    readOnly: ['donor', 'pipelineStage', 'prescription'],
    hidden: ['pipelineStage'],
  },
  'api::storage-device.storage-device': {
    list: ['serial', 'machine', 'interface', 'capacityGb', 'state'],
    mainField: 'serial',
    sort: ['id', 'DESC'],
    readOnly: ['state', 'removedAt', 'removedBy', 'removalReason', 'removalDestination'],
  },
  'api::part.part': { list: ['category', 'description', 'quantityOnHand', 'lowStockThreshold'], mainField: 'description', sort: ['category', 'ASC'] },
  'api::prescriber.prescriber': { list: ['name', 'kind', 'commune'], mainField: 'name', sort: ['name', 'ASC'] },
  'api::prescription.prescription': {
    list: ['number', 'prescriber', 'receivedAt', 'decidedAt', 'handedOverAt', 'pipelineStage'],
    mainField: 'number',
    sort: ['receivedAt', 'DESC'],
    readOnly: ['number', 'pipelineStage', 'machines'],
    hidden: ['pipelineStage'],
  },
  'api::household.household': {
    list: ['referenceName', 'commune', 'childrenInCollege'],
    mainField: 'referenceName',
    sort: ['referenceName', 'ASC'],
    readOnly: ['anonymisedAt'],
  },
  'plugin::site.page': {
    list: ['title', 'slug', 'order', 'published'],
    mainField: 'title',
    sort: ['order', 'ASC'],
  },
  'api::funder-programme.funder-programme': { list: ['name', 'funder', 'periodStart', 'periodEnd', 'territory'], mainField: 'name', sort: ['periodStart', 'DESC'] },
  'api::weee-shipment.weee-shipment': { list: ['shippedAt', 'recycler', 'trackingReference', 'machines'], mainField: 'trackingReference', sort: ['shippedAt', 'DESC'] },
  'api::volunteer.volunteer': {
    list: ['name', 'membership', 'startDate', 'endDate', 'availability'],
    mainField: 'name',
    sort: ['name', 'ASC'],
    // Grants are written from their own side (« Compétence acquise ») or by a training: src/document-service/skills.ts.
    readOnly: ['skillGrants'],
  },
  'api::skill.skill': {
    list: ['name', 'validityMonths'],
    mainField: 'name',
    sort: ['name', 'ASC'],
  },
  'api::training.training': {
    list: ['date', 'trainer', 'attendees', 'skills'],
    mainField: 'trainer',
    sort: ['date', 'DESC'],
    readOnly: ['grants'],
  },
  'api::skill-grant.skill-grant': {
    list: ['volunteer', 'skill', 'grantedOn', 'expiresOn', 'training'],
    mainField: 'grantedOn',
    sort: ['grantedOn', 'DESC'],
    readOnly: ['training', 'grantedBy'],
  },
  'api::volunteer-presence.volunteer-presence': {
    list: ['volunteer', 'signedInAt', 'signedOutAt', 'source', 'session'],
    mainField: 'title',
    sort: ['signedInAt', 'DESC'],
    readOnly: ['title', 'source', 'enteredBy', 'correctedBy'],
  },
  'api::permanence.permanence': {
    list: ['date', 'startTime', 'endTime', 'place', 'expectedVolunteers'],
    mainField: 'date',
    sort: ['date', 'DESC'],
    readOnly: ['presences'],
  },
  'api::interaction.interaction': {
    list: ['date', 'kind', 'donor', 'prescriber', 'nextStep', 'nextStepDue'],
    mainField: 'summary',
    sort: ['date', 'DESC'],
  },
  'api::pickup.pickup': {
    list: ['plannedAt', 'donor', 'site', 'expectedCount', 'state', 'donation'],
    mainField: 'site',
    sort: ['plannedAt', 'DESC'],
    readOnly: ['donor', 'donation', 'state'],
  },
};

const COMPONENT_MAIN_FIELDS: Record<string, string> = {
  'shared.contact': 'name',
  'prescription.follow-up': 'note',
};

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts: { list: string[]; edit: unknown };
}

interface ConfigService {
  findConfiguration(model: unknown): Promise<Configuration>;
  updateConfiguration(model: unknown, config: Configuration): Promise<unknown>;
}

type EditLayout = Array<Array<{ name: string; size: number }>>;

/** The edit form's rows without `hidden` fields (rows left empty are dropped). */
function withoutFields(edit: unknown, hidden: string[]): unknown {
  if (hidden.length === 0 || !Array.isArray(edit)) return edit;
  return (edit as EditLayout).map((row) => row.filter((cell) => !hidden.includes(cell.name))).filter((row) => row.length > 0);
}

/**
 * A relation shows its target by the target's main field (a skill by its name, not its key):
 * Strapi copies the target's main field into the relation's metadata when it first configures
 * the view, so a main field set here later would not reach the relations that point to it.
 */
function targetMainField(attributes: Record<string, { type?: string; target?: string }>, field: string): string | undefined {
  const attribute = attributes[field];
  return attribute?.type === 'relation' && attribute.target ? VIEWS[attribute.target]?.mainField : undefined;
}

function patchConfiguration(
  current: Configuration,
  labels: TypeLabels,
  spec: ViewSpec,
  hints: Record<string, Label> = {},
  attributes: Record<string, { type?: string; target?: string }> = {}
): Configuration {
  const metadatas = { ...current.metadatas };
  for (const [field, label] of Object.entries(labels.fields)) {
    const meta = current.metadatas[field] ?? {};
    const mainField = targetMainField(attributes, field);
    metadatas[field] = {
      edit: {
        ...meta.edit,
        label: label.fr,
        ...(hints[field] ? { description: hints[field].fr } : {}),
        ...(spec.readOnly?.includes(field) ? { editable: false } : {}),
        ...(mainField ? { mainField } : {}),
      },
      list: { ...meta.list, label: label.fr },
    };
  }
  return {
    settings: {
      ...current.settings,
      ...(spec.mainField ? { mainField: spec.mainField } : {}),
      ...(spec.sort ? { defaultSortBy: spec.sort[0], defaultSortOrder: spec.sort[1] } : {}),
      pageSize: 20,
    },
    metadatas,
    layouts: { list: spec.list ?? current.layouts.list, edit: withoutFields(current.layouts.edit, spec.hidden ?? []) },
  };
}

const VERSION_KEY = { type: 'plugin' as const, name: 'seconde-vie', key: 'content-manager-views' };

/**
 * Sets the content-manager list and edit views (columns, French labels, main fields). Runs at
 * every boot but writes only when this file's definitions changed since the last write, so a
 * view staff rearranged by hand stays as they left it until the project ships new defaults.
 */
export async function configureContentManagerViews(strapi: Core.Strapi): Promise<void> {
  const version = crypto
    .createHash('sha256')
    .update(JSON.stringify([VIEWS, TYPE_LABELS, COMPONENT_LABELS, COMPONENT_MAIN_FIELDS]))
    .digest('hex');
  if ((await strapi.store.get(VERSION_KEY)) === version) return;

  const contentTypes = strapi.plugin('content-manager').service('content-types') as ConfigService & {
    findContentType(uid: string): unknown;
  };
  const components = strapi.plugin('content-manager').service('components') as ConfigService & {
    findComponent(uid: string): unknown;
  };
  for (const [uid, labels] of Object.entries(TYPE_LABELS)) {
    const model = contentTypes.findContentType(uid);
    const current = await contentTypes.findConfiguration(model);
    const attributes = (model as { attributes?: Record<string, { type?: string; target?: string }> }).attributes ?? {};
    await contentTypes.updateConfiguration(model, patchConfiguration(current, labels, VIEWS[uid] ?? {}, FIELD_HINTS[uid], attributes));
  }
  for (const [uid, labels] of Object.entries(COMPONENT_LABELS)) {
    const model = components.findComponent(uid);
    const current = await components.findConfiguration(model);
    await components.updateConfiguration(model, patchConfiguration(current, labels, { mainField: COMPONENT_MAIN_FIELDS[uid] }));
  }
  await strapi.store.set({ ...VERSION_KEY, value: version });
}
