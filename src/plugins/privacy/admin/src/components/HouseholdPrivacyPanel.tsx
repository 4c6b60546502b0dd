import { useCallback, useEffect, useState } from 'react';
import { useFetchClient, useNotification, useRBAC } from '@strapi/admin/strapi-admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Button, Dialog, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { Download, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';
import { AccessLogDialog } from './AccessLogDialog';

interface Summary {
  anonymisedAt: string | null;
  lastContact: string;
  anonymiseOn: string;
  retentionMonths: number;
  accessCount: number;
}

const PERMISSIONS = {
  export: [{ action: 'plugin::privacy.export', subject: null }],
  erase: [{ action: 'plugin::privacy.erase', subject: null }],
};

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const PanelContent = ({ documentId }: { documentId: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
    toggleNotification({ type: 'danger', message: message ?? t('panel.error', "L'opération a échoué.") });
  };

  const refresh = useCallback(async () => {
    const { data } = await get<{ data: Summary }>(`/privacy/households/${documentId}`);
    setSummary(data.data);
  }, [get, documentId]);

  useEffect(() => {
    if (allowedActions.canExport) refresh().catch(() => setSummary(null));
  }, [refresh, allowedActions.canExport]);

  const exportAs = async (format: 'json' | 'pdf') => {
    setBusy(true);
    try {
      const { data } = await get<Blob>(`/privacy/households/${documentId}/export`, { params: { format }, responseType: 'blob' });
      save(data, `foyer-${documentId}.${format}`);
      await refresh();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const anonymise = async () => {
    setBusy(true);
    try {
      await post(`/privacy/households/${documentId}/anonymise`, { reason });
      toggleNotification({ type: 'success', message: t('panel.anonymised', 'Foyer anonymisé. Rechargez la page pour voir la fiche.') });
      setReason('');
      await refresh();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  if (!allowedActions.canExport) return null;
  const day = (iso: string) => formatDate(new Date(iso), { dateStyle: 'long' });
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="privacy-panel">
      {summary && (
        <Typography variant="pi" textColor="neutral600">
          {summary.anonymisedAt
            ? t('panel.anonymisedOn', 'Anonymisé le {date}.', { date: day(summary.anonymisedAt) })
            : t('panel.retention', 'Dernier contact le {last} ; anonymisation automatique le {end} ({months} mois).', {
                last: day(summary.lastContact),
                end: day(summary.anonymiseOn),
                months: summary.retentionMonths,
              })}{' '}
          {t('panel.reads', 'Données consultées {count} fois (fiche, listes, documents, portail, API).', { count: summary.accessCount })}
        </Typography>
      )}
      <AccessLogDialog documentId={documentId} />
      <Flex gap={2}>
        <Button variant="secondary" startIcon={<Download />} disabled={busy} onClick={() => exportAs('json')}>
          {t('panel.exportJson', 'Export JSON')}
        </Button>
        <Button variant="secondary" startIcon={<Download />} disabled={busy} onClick={() => exportAs('pdf')}>
          {t('panel.exportPdf', 'Export PDF')}
        </Button>
      </Flex>
      {allowedActions.canErase && summary && !summary.anonymisedAt && (
        <Dialog.Root>
          <Dialog.Trigger>
            <Button variant="danger-light" startIcon={<Trash />} disabled={busy} fullWidth>
              {t('panel.erase', 'Effacer (anonymiser)…')}
            </Button>
          </Dialog.Trigger>
          <Dialog.Content>
            <Dialog.Header>{t('panel.eraseTitle', 'Anonymiser ce foyer')}</Dialog.Header>
            <Dialog.Body>
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Typography>
                  {t('panel.eraseText', 'Le nom, le téléphone, le motif et les notes de suivi seront effacés, ainsi que les PDF des documents émis pour ses prescriptions. Les dates, la commune et les numéros restent pour les bilans. C’est définitif.')}
                </Typography>
                <Field.Root required>
                  <Field.Label>{t('panel.reason', 'Motif')}</Field.Label>
                  <Textarea value={reason} placeholder="Demande d’effacement reçue le …" onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
                </Field.Root>
              </Flex>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button variant="tertiary">{t('panel.cancel', 'Annuler')}</Button>
              </Dialog.Cancel>
              <Dialog.Action>
                <Button variant="danger" disabled={!reason.trim() || busy} onClick={anonymise}>
                  {t('panel.confirmErase', 'Anonymiser définitivement')}
                </Button>
              </Dialog.Action>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Root>
      )}
    </Flex>
  );
};

/** The household edit view's side panel: retention, export (right of access), erasure. */
export const HouseholdPrivacyPanel: PanelComponent = ({ model, documentId }: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  if (model !== 'api::household.household' || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Données personnelles' }),
    content: <PanelContent documentId={documentId} />,
  };
};
