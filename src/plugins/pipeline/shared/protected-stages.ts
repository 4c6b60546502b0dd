/**
 * Stages the workshop's rules rely on, per workflow: staff may rename, recolour and reorder
 * them, never remove them. Read by the settings check (server) and the settings page (admin).
 * « Effacement » is where each disk's erasure is recorded before a unit may be released.
 */
export const PROTECTED_STAGES: Record<string, readonly string[]> = {
  machines: ['received', 'testing', 'erasing', 'ready', 'reserved', 'handed_over', 'dismantled', 'recycled'],
  prescriptions: ['received', 'accepted', 'machine_reserved', 'handed_over', 'closed', 'refused', 'withdrawn'],
};
