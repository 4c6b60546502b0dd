import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import type { Audience, AudiencePreview } from '../../../shared/contracts';
import { errorMessage } from '../../../../../shared/admin/useApi';

/** Who a filter selects, asked again (debounced) whenever the filter changes. */
export function useAudience(audience: Audience) {
  const { post } = useFetchClient();
  const [preview, setPreview] = useState<AudiencePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(audience);
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const timer = setTimeout(() => {
      post<{ data: AudiencePreview }>('/outreach/audience', { audience: JSON.parse(key) as Audience })
        .then((res) => {
          if (cancelled) return;
          setPreview(res.data.data);
          setError(null);
        })
        .catch((e: unknown) => {
          if (cancelled) return;
          setPreview(null);
          setError(errorMessage(e));
        })
        .finally(() => {
          if (!cancelled) setLoading(false);
        });
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, post]);
  return { preview, error, loading };
}
