/** Pure rules the documents' contents follow, unit-tested without Strapi. */
import { isOneOf, MACHINE_STAGE, NOT_REUSED_STAGES } from '../../../../../shared/vocabulary';

export const PUBLIC_DONOR_KINDS = new Set(['public_administration', 'local_authority']);

/** A public body gives under article L3212-2 CG3P; a company does not. */
export const isPublicBody = (kind: unknown): boolean => typeof kind === 'string' && PUBLIC_DONOR_KINDS.has(kind);

export interface MachineForReport {
  /** Where the unit is on the refurbishment line: the only record of what became of it. */
  pipelineStage?: string | null;
  prescription?: { household?: { commune?: string | null } | null } | null;
}

export type Outcome = 'handedOver' | 'notReusable' | 'inProgress';

/**
 * What became of a unit, as a donor may know it (never who received it): read from its stage on
 * the line, which only a recorded move changes — not from a grade given at sorting or a date
 * typed on its prescription.
 */
export function outcomeOf(machine: MachineForReport): Outcome {
  if (machine.pipelineStage === MACHINE_STAGE.handedOver) return 'handedOver';
  if (isOneOf(NOT_REUSED_STAGES, machine.pipelineStage)) return 'notReusable';
  return 'inProgress';
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  handedOver: 'Remise à un foyer',
  notReusable: 'Non réutilisable : pièces détachées ou filière DEEE',
  inProgress: 'En cours de reconditionnement',
};

/** Counts per outcome and handovers per commune (sorted by count, then name). */
export function summarize(machines: MachineForReport[]) {
  const counts = { received: machines.length, handedOver: 0, notReusable: 0, inProgress: 0 };
  const communes = new Map<string, number>();
  for (const m of machines) {
    const outcome = outcomeOf(m);
    counts[outcome] += 1;
    if (outcome === 'handedOver') {
      const commune = m.prescription?.household?.commune || 'Commune non renseignée';
      communes.set(commune, (communes.get(commune) ?? 0) + 1);
    }
  }
  const byCommune = [...communes.entries()]
    .map(([commune, count]) => ({ commune, count }))
    .sort((a, b) => b.count - a.count || a.commune.localeCompare(b.commune, 'fr'));
  return { counts, byCommune };
}
