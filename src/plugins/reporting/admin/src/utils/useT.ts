import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';
import { adminLocale } from '../../../../../shared/admin/locale';

/** `t(key, defaultMessage, values)` for this plugin's translations. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

export const formatNumber = (n: number) => n.toLocaleString(adminLocale());
/** `2012-03` → « mars 2012 » / “Mar 2012”. */
export const formatMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(adminLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' });
};
export const formatDate = (iso: string | null) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString(adminLocale(), { timeZone: 'UTC' }) : '—');
