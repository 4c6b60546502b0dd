import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { now } from '../../../../../shared/server/clock';
import { nextCounterValue } from '../../../../../shared/server/counters';
import { ConflictError } from '../../../../../shared/server/errors';
import type { TransferSlipData } from '../../../../../shared/server/document-sources';
import { chainAppender, type ChainActor } from '../../../../../shared/server/transfers';
import { numberingIdentity, WORKSHOP_UID, type WorkshopScope } from '../../../../../shared/server/workshops';
import { isOneOf, MACHINE_OUTCOME_STAGES, PRESCRIPTION_DRIVEN_STAGES } from '../../../../../shared/vocabulary';
import {
  availableSteps,
  OPEN_STATES,
  proposalProblems,
  STATE_LABELS,
  STEP_RULES,
  stepRefusal,
  type PartLineInput,
  type Side,
  type TransferState,
  type TransferStep,
} from '../domain/steps';

export const TRANSFER_UID = 'plugin::network.transfer';
/** The states in which a transfer slip may be issued: accepted, and every step after. */
export const SLIP_STATES = ['accepted', 'shipped', 'received'] as const;
const MACHINE_UID = 'api::machine.machine';
const PART_UID = 'api::part.part';

export interface Staff {
  id: number;
  name: string;
  scope: WorkshopScope;
}

export interface ProposalInput {
  toWorkshop?: unknown;
  fromWorkshop?: unknown;
  machines?: unknown;
  parts?: unknown;
  notes?: unknown;
}

export interface RequestInput {
  need?: unknown;
  needCount?: unknown;
  notes?: unknown;
  workshop?: unknown;
}

interface WorkshopRow {
  id: number;
  documentId: string;
  name: string;
  commune: string;
  code: string | null;
}

interface TransferRow {
  id: number;
  documentId: string;
  number: string | null;
  kind: 'offer' | 'request';
  state: TransferState;
  fromWorkshop: WorkshopRow | null;
  toWorkshop: WorkshopRow | null;
  machines: Array<{ id: number; documentId: string; labelCode: string | null; type: string | null; brand: string | null; model: string | null; pipelineStage: string | null }>;
  partLines: Array<{ part: string; category: string | null; description: string | null; quantity: number }> | null;
  need: string | null;
  needCount: number | null;
  notes: string | null;
  requestedAt: string | null;
  proposedAt: string | null;
  acceptedAt: string | null;
  shippedAt: string | null;
  receivedAt: string | null;
  closedAt: string | null;
  steps: Array<{ step: string; by: string; at: string }> | null;
}

const POPULATE = {
  fromWorkshop: { select: ['id', 'documentId', 'name', 'commune', 'code'] },
  toWorkshop: { select: ['id', 'documentId', 'name', 'commune', 'code'] },
  machines: { select: ['id', 'documentId', 'labelCode', 'type', 'brand', 'model', 'pipelineStage'], orderBy: { labelCode: 'asc' } },
};

const bad = (message: string) => new errors.ValidationError(message);
const notFound = () => new errors.NotFoundError("Ce transfert n'existe pas ou ne concerne pas votre atelier.");

const inScope = (scope: WorkshopScope, id: number | null | undefined): boolean => id != null && (scope.all || scope.ids.includes(id));

/** The sides a staff member acts for on a transfer (super-admins: both). */
function sidesOf(staff: Staff, row: Pick<TransferRow, 'fromWorkshop' | 'toWorkshop'>): Side[] {
  const sides: Side[] = [];
  if (inScope(staff.scope, row.fromWorkshop?.id)) sides.push('from');
  if (inScope(staff.scope, row.toWorkshop?.id)) sides.push('to');
  return sides;
}

/** Who sees a transfer: both workshops; an open request, the whole network. */
function visible(staff: Staff, row: TransferRow): boolean {
  return staff.scope.all || sidesOf(staff, row).length > 0 || row.state === 'requested';
}

/** The one workshop a staff member acts for: the one named, or their only one. */
async function actingWorkshop(strapi: Core.Strapi, staff: Staff, named: unknown): Promise<WorkshopRow> {
  if (named != null && typeof named !== 'string') throw bad('« fromWorkshop » : l’identifiant d’un atelier.');
  if (typeof named === 'string') {
    const row = (await strapi.db.query(WORKSHOP_UID).findOne({ where: { documentId: named }, select: ['id', 'documentId', 'name', 'commune', 'code'] })) as WorkshopRow | null;
    if (!row || !inScope(staff.scope, row.id)) throw bad("Vous ne travaillez pas pour cet atelier : choisissez l'un des vôtres.");
    return row;
  }
  if (staff.scope.all || staff.scope.ids.length !== 1) throw bad('Précisez pour quel atelier vous agissez (« fromWorkshop »).');
  return (await strapi.db.query(WORKSHOP_UID).findOne({ where: { id: staff.scope.ids[0] }, select: ['id', 'documentId', 'name', 'commune', 'code'] })) as WorkshopRow;
}

async function transferNumber(strapi: Core.Strapi, workshopId: number): Promise<string> {
  const year = now().getUTCFullYear();
  const { code, isDefault } = await numberingIdentity(strapi, workshopId);
  const scope = isDefault || !code ? `TR-${year}` : `TR-${code}-${year}`;
  const sequence = await nextCounterValue(strapi, scope);
  return `${scope}-${String(sequence).padStart(3, '0')}`;
}

const stepRecord = (step: string, staff: Staff) => ({ step, by: staff.name, at: now().toISOString() });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const chainActor = (staff: Staff): ChainActor => ({ type: 'admin', id: String(staff.id), name: staff.name, roleCodes: [], superAdmin: false });

  async function load(documentId: string): Promise<TransferRow | null> {
    return (await strapi.db.query(TRANSFER_UID).findOne({ where: { documentId }, populate: POPULATE })) as TransferRow | null;
  }

  /** Each unit's chain of custody names both workshops at every step (docs/network.md). */
  async function appendEvents(row: TransferRow, machineDocumentIds: string[], step: string, staff: Staff): Promise<void> {
    const chain = chainAppender(strapi);
    if (!chain) return;
    for (const documentId of machineDocumentIds) {
      await chain.append(
        {
          subjectType: MACHINE_UID,
          subjectId: documentId,
          kind: 'transfer',
          details: { transfer: row.number, step, from: row.fromWorkshop?.name ?? null, to: row.toWorkshop?.name ?? null },
        },
        chainActor(staff),
      );
    }
  }

  /**
   * The units and parts a workshop gives, checked and locked inside the caller's transaction: each
   * unit of the giving workshop, not reserved, handed over, dismantled or recycled, and in no open
   * transfer; each part of that workshop with the quantity on hand. Unit rows are locked first
   * (FOR UPDATE, in id order), so two proposals of one unit wait for each other and the second
   * sees the first.
   */
  async function checkedGoods(trx: Core.Strapi['db']['connection'], from: WorkshopRow, input: ProposalInput) {
    const machineIds = (input.machines ?? []) as string[];
    const partLines = (input.parts ?? []) as PartLineInput[];
    const machines = machineIds.length
      ? ((await trx('machines')
          .whereIn('document_id', machineIds)
          .orderBy('id')
          .forUpdate()
          .select('id', 'document_id', 'label_code', 'pipeline_stage')) as Array<{ id: number; document_id: string; label_code: string | null; pipeline_stage: string | null }>)
      : [];
    const byDocumentId = new Map(machines.map((m) => [m.document_id, m]));
    const missing = machineIds.filter((id) => !byDocumentId.has(id));
    if (missing.length) throw new errors.NotFoundError(`Machine introuvable dans votre atelier : ${missing.join(', ')}.`);
    const owners = machines.length
      ? ((await trx('machines_workshop_lnk').whereIn('machine_id', machines.map((m) => m.id)).select('machine_id', 'workshop_id')) as Array<{ machine_id: number; workshop_id: number }>)
      : [];
    const ownerOf = new Map(owners.map((o) => [o.machine_id, o.workshop_id]));
    const foreign = machines.filter((m) => ownerOf.get(m.id) !== from.id);
    // Another workshop's unit answers like an unknown one: its existence is not ours to learn.
    if (foreign.length) throw new errors.NotFoundError(`Machine introuvable dans votre atelier : ${foreign.map((m) => m.document_id).join(', ')}.`);
    const held = machines.filter((m) => isOneOf(PRESCRIPTION_DRIVEN_STAGES, m.pipeline_stage) || isOneOf(MACHINE_OUTCOME_STAGES, m.pipeline_stage));
    if (held.length) throw new ConflictError(`Ces machines ne peuvent pas partir : réservées, remises, démantelées ou recyclées (${held.map((m) => m.label_code).join(', ')}).`, { code: 'NOT_TRANSFERABLE' });
    if (machines.length) {
      const busy = (await trx('sv_transfers_machines_lnk as l')
        .join('sv_transfers as t', 't.id', 'l.transfer_id')
        .whereIn('l.machine_id', machines.map((m) => m.id))
        .whereIn('t.state', OPEN_STATES as TransferState[])
        .select('l.machine_id', 't.number')) as Array<{ machine_id: number; number: string }>;
      if (busy.length) {
        const labels = busy.map((b) => `${machines.find((m) => m.id === b.machine_id)?.label_code} (${b.number})`);
        throw new ConflictError(`Ces machines sont déjà dans un transfert en cours : ${labels.join(', ')}.`, { code: 'IN_TRANSFER' });
      }
    }
    const parts: Array<{ part: string; category: string | null; description: string | null; quantity: number }> = [];
    for (const line of partLines) {
      const part = (await trx('parts as p')
        .join('parts_workshop_lnk as l', 'l.part_id', 'p.id')
        .where({ 'p.document_id': line.part, 'l.workshop_id': from.id })
        .forUpdate()
        .first('p.id', 'p.category', 'p.description', 'p.quantity_on_hand')) as { id: number; category: string | null; description: string | null; quantity_on_hand: number | null } | undefined;
      if (!part) throw new errors.NotFoundError(`Pièce introuvable dans votre atelier : ${line.part}.`);
      if ((part.quantity_on_hand ?? 0) < line.quantity) {
        throw new ConflictError(`Stock insuffisant pour « ${part.description ?? part.category} » : ${part.quantity_on_hand ?? 0} en stock, ${line.quantity} demandées.`, { code: 'STOCK' });
      }
      parts.push({ part: line.part, category: part.category, description: part.description, quantity: line.quantity });
    }
    return { machines, parts };
  }

  /** What a staff member sees of a transfer, with the steps they may take now. */
  function present(row: TransferRow, staff: Staff) {
    const sides = sidesOf(staff, row);
    const steps = availableSteps(row.state, sides);
    return {
      documentId: row.documentId,
      number: row.number,
      kind: row.kind,
      state: row.state,
      stateLabel: STATE_LABELS[row.state],
      from: row.fromWorkshop ? { documentId: row.fromWorkshop.documentId, name: row.fromWorkshop.name, commune: row.fromWorkshop.commune } : null,
      to: row.toWorkshop ? { documentId: row.toWorkshop.documentId, name: row.toWorkshop.name, commune: row.toWorkshop.commune } : null,
      machines: row.machines.map((m) => ({ documentId: m.documentId, labelCode: m.labelCode, type: m.type, brand: m.brand, model: m.model, stage: m.pipelineStage })),
      parts: row.partLines ?? [],
      need: row.need,
      needCount: row.needCount,
      notes: row.notes,
      dates: { requestedAt: row.requestedAt, proposedAt: row.proposedAt, acceptedAt: row.acceptedAt, shippedAt: row.shippedAt, receivedAt: row.receivedAt, closedAt: row.closedAt },
      history: row.steps ?? [],
      sides,
      steps,
      // An open request another workshop may answer with an offer.
      canAnswer: row.state === 'requested' && !sides.includes('to') && (staff.scope.all || staff.scope.ids.length > 0),
    };
  }

  return {
    /**
     * A transfer as its slip (« Bordereau de transfert », documents plugin) prints it: both
     * workshops, each step's date and who took it, the units it holds and the parts lines. Issued
     * once the receiving workshop accepted; before that, or for a transfer refused or cancelled, a
     * French 400 (no number is taken). Who may read it is the documents plugin's rule.
     */
    async slipData(documentId: string): Promise<TransferSlipData> {
      const row = (await strapi.db.query(TRANSFER_UID).findOne({
        where: { documentId },
        populate: { ...POPULATE, machines: { select: ['documentId', 'labelCode', 'type', 'brand', 'model', 'serialNumber'], orderBy: { labelCode: 'asc' } } },
      })) as (Omit<TransferRow, 'machines'> & { machines: Array<TransferSlipData['machines'][number]> }) | null;
      if (!row) throw notFound();
      if (!isOneOf(SLIP_STATES, row.state) || !row.fromWorkshop || !row.toWorkshop) {
        throw bad(`Un bordereau de transfert s'émet une fois le transfert accepté par l'atelier qui reçoit ; le transfert ${row.number ?? ''} est à l'état « ${STATE_LABELS[row.state]} ».`);
      }
      return {
        transfer: {
          number: row.number,
          kind: row.kind,
          state: row.state,
          stateLabel: STATE_LABELS[row.state],
          notes: row.notes,
          need: row.need,
          requestedAt: row.requestedAt,
          proposedAt: row.proposedAt,
          acceptedAt: row.acceptedAt,
          shippedAt: row.shippedAt,
          receivedAt: row.receivedAt,
        },
        from: { id: row.fromWorkshop.id, name: row.fromWorkshop.name },
        to: { id: row.toWorkshop.id, name: row.toWorkshop.name },
        machines: row.machines.map((m) => ({ documentId: m.documentId, labelCode: m.labelCode, type: m.type, brand: m.brand, model: m.model, serialNumber: m.serialNumber })),
        parts: (row.partLines ?? []).map((p) => ({ category: p.category, description: p.description, quantity: p.quantity })),
        steps: row.steps ?? [],
      };
    },

    async list(staff: Staff) {
      const where = staff.scope.all
        ? {}
        : { $or: [{ fromWorkshop: { id: { $in: staff.scope.ids } } }, { toWorkshop: { id: { $in: staff.scope.ids } } }, { state: 'requested' }] };
      const rows = (await strapi.db.query(TRANSFER_UID).findMany({ where, populate: POPULATE, orderBy: { id: 'desc' }, limit: 500 })) as TransferRow[];
      return { transfers: rows.map((row) => present(row, staff)) };
    },

    async get(documentId: string, staff: Staff) {
      const row = await load(documentId);
      if (!row || !visible(staff, row)) throw notFound();
      return present(row, staff);
    },

    /** What a workshop may give: its units not held (reserved, handed over, gone, in a transfer) and its parts in stock. */
    async transferable(staff: Staff, named: unknown) {
      const from = await actingWorkshop(strapi, staff, typeof named === 'string' && named ? named : undefined);
      const knex = strapi.db.connection;
      const machines = (await knex('machines as m')
        .join('machines_workshop_lnk as l', 'l.machine_id', 'm.id')
        .where('l.workshop_id', from.id)
        .whereNotIn('m.pipeline_stage', [...PRESCRIPTION_DRIVEN_STAGES, ...MACHINE_OUTCOME_STAGES])
        .whereNotExists(
          knex('sv_transfers_machines_lnk as tl').join('sv_transfers as t', 't.id', 'tl.transfer_id').whereRaw('tl.machine_id = m.id').whereIn('t.state', OPEN_STATES as TransferState[]),
        )
        .orderBy('m.label_code')
        .limit(1000)
        .select('m.document_id as documentId', 'm.label_code as labelCode', 'm.type', 'm.brand', 'm.model', 'm.pipeline_stage as stage')) as unknown[];
      const parts = (await knex('parts as p')
        .join('parts_workshop_lnk as l', 'l.part_id', 'p.id')
        .where('l.workshop_id', from.id)
        .where('p.quantity_on_hand', '>', 0)
        .orderBy(['p.category', 'p.description'])
        .select('p.document_id as documentId', 'p.category', 'p.description', 'p.quantity_on_hand as quantityOnHand')) as unknown[];
      return { workshop: { documentId: from.documentId, name: from.name }, machines, parts };
    },

    /** The workshops of the network (names only), for the destination picker. */
    async workshops(staff: Staff) {
      const rows = (await strapi.db.query(WORKSHOP_UID).findMany({ select: ['documentId', 'name', 'commune', 'code', 'id'], orderBy: { name: 'asc' } })) as WorkshopRow[];
      return { workshops: rows.map((w) => ({ documentId: w.documentId, name: w.name, commune: w.commune, code: w.code, mine: inScope(staff.scope, w.id) })) };
    },

    /** A workshop offers units and parts to another (or answers a request: `answer`). */
    async propose(input: ProposalInput, staff: Staff, answering?: string) {
      const problems = proposalProblems(input);
      if (problems.length) throw bad(problems.join(' '));
      const from = await actingWorkshop(strapi, staff, input.fromWorkshop);
      return strapi.db.transaction(async ({ trx }) => {
        let requestRow: TransferRow | null = null;
        let to: WorkshopRow | null = null;
        if (answering) {
          requestRow = await load(answering);
          if (!requestRow || !visible(staff, requestRow)) throw notFound();
          to = requestRow.toWorkshop;
        } else {
          if (typeof input.toWorkshop !== 'string') throw bad('« toWorkshop » : l’atelier qui reçoit.');
          to = (await strapi.db.query(WORKSHOP_UID).findOne({ where: { documentId: input.toWorkshop }, select: ['id', 'documentId', 'name', 'commune', 'code'] })) as WorkshopRow | null;
          if (!to) throw bad("L'atelier destinataire n'existe pas.");
        }
        if (!to || to.id === from.id) throw bad('Un transfert va d’un atelier à un autre.');
        const goods = await checkedGoods(trx, from, input);
        const at = now();
        let documentId: string;
        if (requestRow) {
          // The request becomes the offer, once: the first answer wins, the others are told.
          const { count } = (await strapi.db.query(TRANSFER_UID).updateMany({
            where: { id: requestRow.id, state: 'requested' },
            data: {
              state: 'proposed', proposedAt: at, fromWorkshop: from.id, machines: goods.machines.map((m) => m.id), partLines: goods.parts,
              notes: typeof input.notes === 'string' && input.notes ? input.notes : requestRow.notes,
              steps: [...(requestRow.steps ?? []), stepRecord('propose', staff)],
            },
          })) as { count: number };
          if (count !== 1) throw new ConflictError('Un autre atelier a déjà répondu à cette demande, ou elle a été retirée.', { code: 'ALREADY_ANSWERED' });
          // updateMany writes no relation: link the sender and the units now that the row is ours.
          await strapi.db.query(TRANSFER_UID).update({ where: { id: requestRow.id }, data: { fromWorkshop: from.id, machines: goods.machines.map((m) => m.id) } });
          documentId = requestRow.documentId;
        } else {
          const created = (await strapi.db.query(TRANSFER_UID).create({
            data: {
              number: await transferNumber(strapi, from.id), kind: 'offer', state: 'proposed', proposedAt: at,
              fromWorkshop: from.id, toWorkshop: to.id, machines: goods.machines.map((m) => m.id), partLines: goods.parts,
              notes: typeof input.notes === 'string' && input.notes ? input.notes : null, steps: [stepRecord('propose', staff)],
            },
          })) as { documentId: string };
          documentId = created.documentId;
        }
        const row = (await load(documentId)) as TransferRow;
        await appendEvents(row, goods.machines.map((m) => m.document_id), 'proposed', staff);
        return present(row, staff);
      });
    },

    /** A workshop asks the network for a need (« 10 écrans plats »); another answers with an offer. */
    async request(input: RequestInput, staff: Staff) {
      if (typeof input.need !== 'string' || !input.need.trim() || input.need.length > 300) throw bad('« need » : ce dont l’atelier a besoin, 300 caractères au plus.');
      if (input.needCount != null && (!Number.isInteger(input.needCount) || (input.needCount as number) < 1 || (input.needCount as number) > 1000)) throw bad('« needCount » : un nombre entier de 1 à 1 000.');
      if (input.notes != null && (typeof input.notes !== 'string' || input.notes.length > 2000)) throw bad('« notes » : un texte de 2 000 caractères au plus.');
      const to = await actingWorkshop(strapi, staff, input.workshop);
      return strapi.db.transaction(async () => {
        const created = (await strapi.db.query(TRANSFER_UID).create({
          data: {
            number: await transferNumber(strapi, to.id), kind: 'request', state: 'requested', requestedAt: now(), toWorkshop: to.id,
            need: (input.need as string).trim(), needCount: (input.needCount as number | undefined) ?? null, notes: (input.notes as string | undefined) || null,
            steps: [stepRecord('request', staff)],
          },
        })) as { documentId: string };
        return present((await load(created.documentId)) as TransferRow, staff);
      });
    },

    /**
     * accept, refuse, ship, receive, cancel: one conditional UPDATE decides (the state must still
     * be one the step leaves from), so of twenty simultaneous acceptances one wins and nineteen get
     * a 409; its side effects (stock, units' workshop, events) run in the same transaction.
     */
    async step(documentId: string, step: TransferStep, staff: Staff) {
      const before = await load(documentId);
      if (!before || !visible(staff, before)) throw notFound();
      const rule = STEP_RULES[step];
      const side = rule.side(before.state);
      if (!staff.scope.all && !sidesOf(staff, before).includes(side)) {
        const who = side === 'to' ? `l'atelier qui reçoit (${before.toWorkshop?.name})` : `l'atelier qui cède (${before.fromWorkshop?.name})`;
        throw new errors.ForbiddenError(`Seul ${who} peut ${step === 'accept' ? 'accepter' : step === 'refuse' ? 'refuser' : step === 'ship' ? 'expédier' : step === 'receive' ? 'réceptionner' : 'annuler'} ce transfert.`);
      }
      const refusal = stepRefusal(step, before.state);
      if (refusal) throw new ConflictError(refusal, { code: 'TRANSFER_STATE', state: before.state });
      return strapi.db.transaction(async ({ trx }) => {
        const at = now();
        const { count } = (await strapi.db.query(TRANSFER_UID).updateMany({
          where: { id: before.id, state: { $in: rule.from as TransferState[] } },
          data: { state: rule.to, [rule.at]: at },
        })) as { count: number };
        if (count !== 1) {
          const current = (await trx('sv_transfers').where({ id: before.id }).first('state')) as { state: TransferState };
          throw new ConflictError(stepRefusal(step, current.state) ?? 'Ce transfert vient de changer : rechargez la page.', { code: 'TRANSFER_STATE', state: current.state });
        }
        const row = (await load(documentId)) as TransferRow;
        await trx('sv_transfers').where({ id: row.id }).update({ steps: JSON.stringify([...(row.steps ?? []), stepRecord(step, staff)]) });
        if (step === 'ship') await takeParts(trx, row);
        if (step === 'receive') await receive(trx, row);
        const unitStep = { accept: 'accepted', refuse: 'refused', ship: 'shipped', receive: 'received', cancel: 'cancelled' }[step];
        await appendEvents(row, row.machines.map((m) => m.documentId), unitStep, staff);
        return present((await load(documentId)) as TransferRow, staff);
      });
    },
  };

  /** Shipping takes the parts out of the sender's stock (checked again: stock may have moved since the proposal). */
  async function takeParts(trx: Core.Strapi['db']['connection'], row: TransferRow): Promise<void> {
    for (const line of row.partLines ?? []) {
      const updated = await trx('parts as p')
        .whereIn('p.id', trx('parts_workshop_lnk').where({ workshop_id: row.fromWorkshop?.id }).select('part_id'))
        .andWhere('p.document_id', line.part)
        .andWhere('p.quantity_on_hand', '>=', line.quantity)
        .update({ quantity_on_hand: trx.raw('quantity_on_hand - ?', [line.quantity]) });
      if (updated !== 1) throw new ConflictError(`Stock insuffisant pour « ${line.description ?? line.category} » : le transfert n'est pas expédié.`, { code: 'STOCK' });
    }
  }

  /** Receipt: the units become the receiver's (their devices follow them), and the parts join its stock. */
  async function receive(trx: Core.Strapi['db']['connection'], row: TransferRow): Promise<void> {
    const to = row.toWorkshop as WorkshopRow;
    const ids = row.machines.map((m) => m.id);
    if (ids.length) await trx('machines_workshop_lnk').whereIn('machine_id', ids).update({ workshop_id: to.id });
    for (const line of row.partLines ?? []) {
      const same = (await trx('parts as p')
        .join('parts_workshop_lnk as l', 'l.part_id', 'p.id')
        .where({ 'l.workshop_id': to.id, 'p.category': line.category })
        .andWhereRaw('coalesce(p.description, \'\') = ?', [line.description ?? ''])
        .forUpdate()
        .first('p.id')) as { id: number } | undefined;
      if (same) await trx('parts').where({ id: same.id }).update({ quantity_on_hand: trx.raw('coalesce(quantity_on_hand, 0) + ?', [line.quantity]) });
      else await strapi.db.query(PART_UID).create({ data: { category: line.category, description: line.description, quantityOnHand: line.quantity, workshop: to.id } });
    }
  }
};
