/**
 * A prescriber's membership convention in force: the pipeline's guard refuses to accept a
 * prescription without one, and the portal plugin refuses to file one without it (its one filing
 * path) and tells the prescriber whether they may file. One rule, read by both.
 */
export interface MembershipConvention {
  kind: string;
  state: string;
  startDate?: string | null;
  endDate?: string | null;
}

/** The signed membership conventions in force on `today` (ISO date). */
export function validMemberships<C extends MembershipConvention>(conventions: C[], today: string): C[] {
  return conventions.filter(
    (c) => c.kind === 'membership' && c.state === 'signed' && (!c.startDate || c.startDate <= today) && (!c.endDate || c.endDate >= today)
  );
}
