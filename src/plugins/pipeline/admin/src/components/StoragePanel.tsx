import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ErasureStatus } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { StorageSection } from './StorageSection';
import { useGet } from '../../../../../shared/admin/useApi';

const Storage = ({ documentId }: { documentId: string }) => {
  const { formatMessage } = useIntl();
  const { data, error, reload } = useGet<ErasureStatus>(`/pipeline/machines/${documentId}/erasure-status`);
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Typography textColor="neutral600">{formatMessage({ id: getTranslation('timeline.loading'), defaultMessage: 'Chargement…' })}</Typography>;
  return <StorageSection machineDocumentId={documentId} status={data} onChange={reload} withErasure={false} />;
};

/**
 * Side panel of the machine edit view: its storage devices with what became of each (the one
 * erasure status), « Retirer ce support » and the « aucun support constaté » attestation.
 * Devices themselves are added and corrected in the « Supports de stockage » field.
 */
export const StoragePanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  if (model !== 'api::machine.machine' || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('storage.title'), defaultMessage: 'Supports de stockage' }),
    content: <Storage documentId={documentId} />,
  };
};

StoragePanel.type = 'pipeline-storage';
