/**
 * Rules no configuration can switch off. Each is a plain function of what the transition
 * engine loaded inside the transaction; a refusal names the rule and says why, in French.
 * Stage keys used here are fixed: staff rename and recolour stages, never re-key them.
 */
import type { ErasureStatus } from '../../../../../shared/erasure';
import { validMemberships, type MembershipConvention } from '../../../../../shared/server/memberships';
import { isOneOf, MACHINE_STAGE, PRESCRIPTION_DRIVEN_STAGES, RELEASE_STAGES } from '../../../../../shared/vocabulary';

export type RuleCode =
  | 'ERASURE_REQUIRED'
  | 'STORAGE_EVIDENCE_REQUIRED'
  | 'TEST_REQUIRED'
  | 'RESERVE_THROUGH_PRESCRIPTION'
  | 'MACHINE_NOT_READY'
  | 'MACHINE_ALREADY_RESERVED'
  | 'ONE_MACHINE_PER_PRESCRIPTION'
  | 'HANDOVER_NEEDS_RESERVED_MACHINE'
  | 'MEMBERSHIP_CONVENTION_REQUIRED';

export type Verdict = { ok: true } | { ok: false; rule: RuleCode; message: string };

const OK: Verdict = { ok: true };
const refuse = (rule: RuleCode, message: string): Verdict => ({ ok: false, rule, message });

// The stage lists these rules name are the shared vocabulary's (src/shared/vocabulary.ts).
export { HOLDING_STAGES, OPEN_PRESCRIPTION_STAGES, PRESCRIPTION_DRIVEN_STAGES, RELEASE_STAGES } from '../../../../../shared/vocabulary';
export const isReleaseStage = (stage: string | null): boolean => isOneOf(RELEASE_STAGES, stage);

/**
 * The unit's storage is dealt with: read from the one erasure status (domain/erasure-status.ts),
 * never recomputed here.
 */
export function erasureVerdict(status: ErasureStatus): Verdict {
  if (status.released) return OK;
  return refuse(status.devices.length > 0 ? 'ERASURE_REQUIRED' : 'STORAGE_EVIDENCE_REQUIRED', status.reason ?? 'Effacement certifié manquant.');
}

/** The latest checklist of the Test stage passed. */
export function testVerdict(latestTest: { passed: boolean } | null): Verdict {
  if (latestTest?.passed) return OK;
  return refuse(
    'TEST_REQUIRED',
    latestTest
      ? "Test non réussi : la dernière liste de contrôle de l'étape Test a des points obligatoires non cochés."
      : "Test manquant : aucune liste de contrôle de l'étape Test n'est enregistrée pour cette machine."
  );
}

/** A machine's own move into a release stage. */
export function machineReleaseVerdict(to: string, status: ErasureStatus, latestTest: { passed: boolean } | null): Verdict {
  if (!isOneOf(RELEASE_STAGES, to)) return OK;
  const erasure = erasureVerdict(status);
  if (!erasure.ok) return erasure;
  return testVerdict(latestTest);
}

/** Reserving and handing over a machine go through its prescription, so both move together. */
export function directMachineMoveVerdict(to: string, viaPrescription: boolean): Verdict {
  if (viaPrescription || !isOneOf(PRESCRIPTION_DRIVEN_STAGES, to)) return OK;
  return refuse(
    'RESERVE_THROUGH_PRESCRIPTION',
    'Une machine se réserve et se remet depuis sa prescription : la prescription et la machine changent d’étape ensemble.'
  );
}

export interface ReservationContext {
  machineStage: string;
  /** Open prescriptions (other than this one) this machine is already linked to. */
  otherOpenPrescriptions: string[];
  /** Machines already held by this prescription. */
  heldMachines: number;
}

/** A machine is reserved for at most one open prescription; a prescription gets one unit. */
export function reservationVerdict(ctx: ReservationContext): Verdict {
  if (ctx.machineStage !== MACHINE_STAGE.ready) {
    return refuse('MACHINE_NOT_READY', 'Seule une machine à l’étape « Prête » peut être réservée.');
  }
  if (ctx.otherOpenPrescriptions.length > 0) {
    return refuse('MACHINE_ALREADY_RESERVED', `Cette machine est déjà réservée pour la prescription ${ctx.otherOpenPrescriptions.join(', ')}.`);
  }
  if (ctx.heldMachines > 0) {
    return refuse('ONE_MACHINE_PER_PRESCRIPTION', 'Cette prescription a déjà sa machine : une prescription reçoit une seule unité.');
  }
  return OK;
}

/** A prescription reaches Remise only with its reserved machine. */
export function handoverVerdict(reservedMachineStages: string[]): Verdict {
  if (reservedMachineStages.length === 1 && reservedMachineStages[0] === MACHINE_STAGE.reserved) return OK;
  return refuse('HANDOVER_NEEDS_RESERVED_MACHINE', 'La remise demande la machine réservée pour cette prescription (étape « Réservée »).');
}

/** A prescription is accepted only if its prescriber has a signed, unexpired membership convention. */
export function membershipVerdict(conventions: MembershipConvention[], today: string): Verdict {
  if (validMemberships(conventions, today).length > 0) return OK;
  return refuse(
    'MEMBERSHIP_CONVENTION_REQUIRED',
    "Le prescripteur n'a pas de convention d'adhésion signée et en cours de validité : la prescription ne peut pas être acceptée."
  );
}

/** Whether a checklist's required items are all ticked. */
export function checklistPassed(required: string[], ticked: Record<string, boolean>): boolean {
  return required.every((key) => ticked[key] === true);
}
