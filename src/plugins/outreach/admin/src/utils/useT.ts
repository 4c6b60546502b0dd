import { useIntl } from 'react-intl';
import { getTranslation } from './getTranslation';

/** `t(id, defaultMessage, values)` with the plugin's prefix. */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
}
