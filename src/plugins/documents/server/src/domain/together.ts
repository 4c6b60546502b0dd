/**
 * Runs independent reads together when `parallel` (outside a transaction: each read takes its own
 * connection), one after the other otherwise (a transaction's one connection runs one query at a
 * time). Either way it fails as the sequence would: with the error of the first read, in argument
 * order, that failed (so a user sees the same message).
 */
export async function together<T extends readonly unknown[]>(reads: { [K in keyof T]: () => Promise<T[K]> }, parallel: boolean): Promise<T> {
  if (!parallel) {
    const values: unknown[] = [];
    for (const read of reads as ReadonlyArray<() => Promise<unknown>>) values.push(await read());
    return values as unknown as T;
  }
  const settled = await Promise.allSettled((reads as ReadonlyArray<() => Promise<unknown>>).map((read) => read()));
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
