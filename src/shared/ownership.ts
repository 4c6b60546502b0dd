/**
 * Which structure owns which record: the one rule of row-level access for portal accounts,
 * used by the REST API (plugin portal, scoped controller) and the portal pages (the same plugin's /api/portail routes)
 * alike. Plain values and functions, no Strapi.
 */

export type StructureKind = 'prescriber' | 'donor';

export const PRESCRIPTION = 'api::prescription.prescription';
export const HOUSEHOLD = 'api::household.household';
export const DONATION = 'api::donation.donation';
export const MACHINE = 'api::machine.machine';

/** For each kind of structure, the types it reaches and the attribute that names their owner. */
export const OWNED: Record<StructureKind, Record<string, string>> = {
  prescriber: { [PRESCRIPTION]: 'prescriber', [HOUSEHOLD]: 'prescriber' },
  donor: { [DONATION]: 'donor', [MACHINE]: 'donor' },
};

export interface Owner {
  kind: StructureKind;
  /** The structure's row id (prescriber or donor). */
  structureId: number;
}

type Filters = Record<string, unknown>;

/**
 * The filter that selects the rows of `uid` the structure owns; null when it owns none. The same
 * object serves the Document Service (`filters`) and the Query Engine (`where`).
 */
export function ownerFilter(owner: Owner, uid: string): Filters | null {
  const attribute = OWNED[owner.kind][uid];
  return attribute ? { [attribute]: { id: { $eq: owner.structureId } } } : null;
}
