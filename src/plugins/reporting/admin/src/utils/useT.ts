import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

/** `t(key, defaultMessage, values)` for this plugin's translations. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

export const formatNumber = (n: number) => n.toLocaleString('fr-FR');
export const formatDate = (iso: string | null) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'UTC' }) : '—');
