import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { actorFromContext, SYSTEM_ACTOR } from '../actor';
import {
  deviceChangeProblems,
  duplicateSerialProblems,
  machineDeleteProblem,
  PIPELINE_OWNED_DEVICE_FIELDS,
  typeChangeProblem,
  type DeviceSnapshot,
  type FieldProblem,
} from '../domain/devices';
import { MACHINE_UID } from '../domain/workflow';
import { DEVICE_UID } from '../services/erasure-status';
import { getService } from '../utils';
import { TYPE_LABELS } from '../../../../../shared/labels';

export interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
}

type Next = () => Promise<unknown>;
type Written = { documentId?: string; entries?: Array<{ documentId?: string }> } | null;

const WRITES = new Set(['create', 'update', 'delete', 'clone']);

function refuse(problems: FieldProblem[]): never {
  throw new errors.ValidationError(problems.map((p) => p.message).join(' '), {
    errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError', value: null })),
  });
}

/** Every device documentId and row id a relation input names (ids, documentIds, {connect, disconnect, set}, objects). */
export function relationRefs(value: unknown, out: { documentIds: Set<string>; ids: Set<number> } = { documentIds: new Set(), ids: new Set() }) {
  if (typeof value === 'string') out.documentIds.add(value);
  else if (typeof value === 'number') out.ids.add(value);
  else if (Array.isArray(value)) value.forEach((v) => relationRefs(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.documentId === 'string') out.documentIds.add(o.documentId);
    if (typeof o.id === 'number') out.ids.add(o.id);
    else if (typeof o.id === 'string') {
      if (/^\d+$/.test(o.id)) out.ids.add(Number(o.id));
      else out.documentIds.add(o.id);
    }
    for (const key of ['connect', 'disconnect', 'set']) if (key in o) relationRefs(o[key], out);
  }
  return out;
}

const byId = (list: DeviceSnapshot[]) => new Map(list.map((d) => [d.documentId, d]));

/** A device as an update's scalar fields will leave it (its machine as it is: relations are read after the write). */
function withFields(device: DeviceSnapshot, data: Record<string, unknown>): DeviceSnapshot {
  const next = { ...device };
  for (const field of ['serial', 'model', 'interface', 'capacityGb'] as const) {
    if (!(field in data)) continue;
    const value = data[field];
    (next as Record<string, unknown>)[field] = value === undefined || value === '' ? null : field === 'capacityGb' && value !== null ? Number(value) : value;
  }
  return next;
}

/**
 * Document Service middleware (registered in the pipeline's register()): whatever path writes a
 * storage device or a machine's devices — the content manager's edit views and bulk delete, a
 * relation connected or disconnected from the machine's side, a clone, REST — the devices are
 * read before and after the write, in its transaction with the units' rows locked, and the
 * change is refused (400, in French, nothing written) when domain/devices.ts says so. Changes
 * allowed on a unit past Réception are written to its history.
 */
export function deviceIntegrityMiddleware(strapi: Core.Strapi) {
  const devices = () => getService(strapi, 'devices');

  /** The pipeline's own fields of a device: refused when a caller sets them, ignored when it only echoes them. */
  async function guardOwnedFields(ctx: DocumentContext): Promise<void> {
    const data = ctx.params.data;
    if (!data) return;
    if (ctx.action === 'clone') {
      // A copy is a new device, in the unit: nothing of the original's removal comes with it.
      Object.assign(data, { state: 'present', removedAt: null, removedBy: null, removalReason: null, removalDestination: null });
      return;
    }
    const current = ctx.action === 'update' && ctx.params.documentId
      ? ((await strapi.db.query(DEVICE_UID).findOne({ where: { documentId: ctx.params.documentId }, select: [...PIPELINE_OWNED_DEVICE_FIELDS] })) as Record<string, unknown> | null)
      : null;
    const problems: FieldProblem[] = [];
    for (const field of PIPELINE_OWNED_DEVICE_FIELDS) {
      if (!(field in data)) continue;
      const value = data[field] ?? null;
      const stored = current ? current[field] ?? null : field === 'state' ? 'present' : null;
      const same = value === stored || (value !== null && stored !== null && new Date(String(value)).getTime() === new Date(String(stored)).getTime());
      if (same) delete data[field];
      else {
        const label = TYPE_LABELS[DEVICE_UID]?.fields[field]?.fr ?? field;
        problems.push({ path: [field], message: `« ${label} » est tenu par la chaîne : le retrait d'un support s'enregistre depuis la fiche de la machine ou le poste de travail (qui, quand, pourquoi, où), jamais en modifiant la fiche du support.` });
      }
    }
    if (problems.length) refuse(problems);
  }

  /**
   * Runs the write between two readings of the devices and refuses what domain/devices.ts refuses.
   * `predicted` is what the write will leave, when it can be told from its input (a delete, a
   * field edit): refused before writing, so the database triggers never have to.
   */
  async function checked(before: DeviceSnapshot[], run: Next, afterWhere: (written: Written) => Record<string, unknown> | null, predicted: DeviceSnapshot[] | null = null) {
    // Lock the units the devices belong to now, then the ones they belong to after the write.
    const current = await devices().lockMachines(before.map((d) => d.machineId).filter((id): id is number => id !== null));
    if (predicted) {
      const { problems } = deviceChangeProblems(byId(before), byId(predicted), current);
      if (problems.length) refuse(problems);
    }
    const written = (await run()) as Written;
    const where = afterWhere(written);
    const after = where ? await devices().snapshots(where) : [];
    const machineIds = [...before, ...after].map((d) => d.machineId).filter((id): id is number => id !== null);
    const machines = await devices().lockMachines(machineIds);
    const { problems, events } = deviceChangeProblems(byId(before), byId(after), machines);
    for (const id of new Set(after.map((d) => d.machineId).filter((i): i is number => i !== null))) {
      problems.push(...duplicateSerialProblems(await devices().snapshots({ machine: { id } })));
    }
    if (problems.length) refuse(problems);
    const request = strapi.requestContext.get();
    const actor = request ? actorFromContext(request) : SYSTEM_ACTOR;
    for (const event of events) {
      const machine = machines.get(event.machineId)!;
      await getService(strapi, 'history').append({ subjectType: MACHINE_UID, subjectId: machine.documentId, kind: event.kind, details: event.details }, actor);
    }
    return written;
  }

  async function onDevice(ctx: DocumentContext, next: Next) {
    await guardOwnedFields(ctx);
    return strapi.db.transaction(async () => {
      const before = ctx.action === 'update' || ctx.action === 'delete' ? await devices().snapshots({ documentId: ctx.params.documentId }) : [];
      const data = ctx.params.data ?? {};
      const predicted = ctx.action === 'delete' ? [] : ctx.action === 'update' ? before.map((d) => withFields(d, data)) : null;
      return checked(
        before,
        next,
        (written) => {
          if (ctx.action === 'delete') return null;
          const documentId = written?.documentId ?? written?.entries?.[0]?.documentId;
          return documentId ? { documentId } : null;
        },
        predicted
      );
    });
  }

  async function onMachine(ctx: DocumentContext, next: Next) {
    const data = ctx.params.data ?? {};
    if (ctx.action === 'clone') {
      // A copy of a unit is another unit: its disks stay in the original.
      data.storageDevices = { set: [] };
      ctx.params.data = data;
    }
    const touchesDevices = 'storageDevices' in data || ctx.action === 'delete';
    if (!touchesDevices && !('type' in data)) return next();
    return strapi.db.transaction(async () => {
      const self = ctx.params.documentId && ctx.action !== 'clone' ? await getService(strapi, 'records').lock(MACHINE_UID, ctx.params.documentId) : null;
      const machine = self ? (await devices().lockMachines([self.id])).get(self.id) : undefined;
      const problems: FieldProblem[] = [];
      if (machine && ctx.action === 'update' && 'type' in data) {
        const problem = typeChangeProblem(machine, (data.type as string | null) ?? null);
        if (problem) problems.push(problem);
      }
      if (machine && ctx.action === 'delete') {
        const problem = machineDeleteProblem(machine);
        if (problem) problems.push(problem);
      }
      if (problems.length) refuse(problems);
      if (!touchesDevices) return next();
      const refs = relationRefs(data.storageDevices);
      const or: Array<Record<string, unknown>> = [];
      if (machine) or.push({ machine: { id: machine.id } });
      if (refs.documentIds.size) or.push({ documentId: { $in: [...refs.documentIds] } });
      if (refs.ids.size) or.push({ id: { $in: [...refs.ids] } });
      const before = or.length ? await devices().snapshots({ $or: or }) : [];
      if (ctx.action === 'delete') {
        // The unit is still in Réception (checked above): its devices go with it.
        const written = await checked(before, next, () => null, []);
        if (before.length) await strapi.db.query(DEVICE_UID).deleteMany({ where: { documentId: { $in: before.map((d) => d.documentId) } } });
        return written;
      }
      return checked(before, next, (written) => {
        const documentId = written?.documentId ?? written?.entries?.[0]?.documentId;
        const after: Array<Record<string, unknown>> = before.length ? [{ documentId: { $in: before.map((d) => d.documentId) } }] : [];
        if (documentId) after.push({ machine: { documentId } });
        return after.length ? { $or: after } : null;
      });
    });
  }

  return async (ctx: DocumentContext, next: Next) => {
    if (!WRITES.has(ctx.action)) return next();
    if (ctx.uid === DEVICE_UID) return onDevice(ctx, next);
    if (ctx.uid === MACHINE_UID) return onMachine(ctx, next);
    return next();
  };
}
