import type { Executor } from '../../../../../shared/bulk-records';

/** First key of the advisory lock that serialises imports into one donation ("SV"). */
export const IMPORT_LOCK_NAMESPACE = 0x5356;

/**
 * Takes the donation's import lock for the rest of the transaction: two imports into one
 * donation run one after the other, and a job whose process died is seen by the lock being free.
 */
export async function lockDonation(executor: Executor, donationDocumentId: string): Promise<void> {
  // Raw SQL: an advisory lock rather than a row lock, so that staff can still edit the donation meanwhile.
  await executor.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [IMPORT_LOCK_NAMESPACE, donationDocumentId]);
}
