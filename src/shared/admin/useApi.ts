/**
 * The admin pages' one way to read the plugins' routes: a GET hook that reloads on demand, and
 * the French message to show for a failed request. Shared by every plugin's admin pages
 * (pipeline, outreach, relations, reporting); see docs/architecture.md.
 */
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

/** A GET that reloads when its URL changes; `reload()` after a write. */
export function useGet<T>(url: string | null) {
  const { get } = useFetchClient();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!url) return;
    let cancelled = false;
    setLoading(true);
    get<{ data: T }>(url)
      .then((res) => {
        if (!cancelled) {
          setData(res.data.data);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [url, tick, get]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** The French message the server gave, whatever the error's shape. */
export function errorMessage(e: unknown): string {
  const err = e as { response?: { data?: { error?: { message?: string } } }; message?: string };
  return err.response?.data?.error?.message ?? err.message ?? 'Erreur inattendue.';
}
