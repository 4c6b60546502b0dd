/**
 * Stages the workshop's rules rely on, per workflow: staff may rename, recolour and reorder
 * them, never remove them. Read by the settings check (server) and the settings page (admin);
 * the list itself is the shared vocabulary's.
 */
export { PROTECTED_STAGES } from '../../../shared/vocabulary';
