import type { StructureKind } from './scope';

export interface AccountView {
  roleType?: string | null;
  prescriber?: unknown;
  donor?: unknown;
}

/**
 * The invariant of an account: a portal role has exactly the structure of its kind; any other
 * role has none. Returns the French message to show, or null.
 */
export function accountProblem(account: AccountView, portalRoles: Record<StructureKind, string>): string | null {
  const hasPrescriber = account.prescriber != null;
  const hasDonor = account.donor != null;
  if (account.roleType === portalRoles.prescriber) {
    return hasPrescriber && !hasDonor ? null : 'Un compte « Prescripteur » est lié à un seul prescripteur, et à aucun donateur.';
  }
  if (account.roleType === portalRoles.donor) {
    return hasDonor && !hasPrescriber ? null : 'Un compte « Donateur » est lié à un seul donateur, et à aucun prescripteur.';
  }
  return hasPrescriber || hasDonor ? 'Seuls les comptes « Prescripteur » et « Donateur » sont liés à une structure.' : null;
}
