import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

export { errorMessage, useGet } from '../../../../../shared/admin/useApi';

/** `formatMessage` bound to this plugin's keys. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

/** `2012-09-28` → `28/09/2012`. */
export const frDate = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
