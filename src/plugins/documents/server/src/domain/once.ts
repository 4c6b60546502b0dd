/**
 * The first call's promise, shared by every later call; a rejected one is forgotten, so the next
 * call tries again (a passing database error does not fail everything that follows).
 */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (!pending) {
      const attempt = fn();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = null;
      });
    }
    return pending;
  };
}
