import { useState } from 'react';
import { useFetchClient, useNotification, useRBAC } from '@strapi/admin/strapi-admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { getTranslation } from '../pluginId';
import { saveBlob } from './DocumentsPanel';

const VOLUNTEER = 'api::volunteer.volunteer';
/** Printing a badge needs `documents.generate` (Coordination); the server also checks that the user may edit volunteers. */
const PRINT = { generate: [{ action: 'plugin::documents.generate', subject: null }] };

const BadgeContent = ({ documentId, name }: { documentId: string; name: string }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState(false);
  const { allowedActions } = useRBAC(PRINT);
  if (!allowedActions.canGenerate) return null;

  const print = async () => {
    setBusy(true);
    try {
      const { data } = await get(`/documents/volunteers/${documentId}/badge`, { responseType: 'blob' });
      saveBlob(data as Blob, `badge-${name || 'benevole'}.pdf`);
    } catch (error) {
      const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      toggleNotification({ type: 'danger', message: message ?? t('badge.failed', 'Le badge n’a pas pu être imprimé.') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi" textColor="neutral600">
        {t('badge.hint', 'Une carte avec le nom et le code-barres du badge, à scanner au poste de travail.')}
      </Typography>
      <Button variant="secondary" startIcon={<Download />} loading={busy} onClick={() => void print()}>
        {t('badge.print', 'Imprimer le badge')}
      </Button>
    </Flex>
  );
};

/** « Imprimer le badge » in a volunteer's edit view (docs/volunteers.md, « Qui est au poste »). */
export const BadgePanel: PanelComponent = ({ model, documentId, document: record }: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  if (model !== VOLUNTEER || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('badge.title'), defaultMessage: 'Badge' }),
    content: <BadgeContent documentId={documentId} name={String((record as { name?: unknown } | undefined)?.name ?? '')} />,
  };
};
