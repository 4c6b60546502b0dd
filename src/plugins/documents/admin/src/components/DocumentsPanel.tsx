import { useCallback, useEffect, useState } from 'react';
import { useFetchClient, useNotification, useRBAC } from '@strapi/admin/strapi-admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Button, Flex, Link, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Download, Eye, File } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { KINDS, TEMPLATE_KINDS, type TemplateKind } from '../../../server/src/domain/kinds';
import { getTranslation } from '../pluginId';
import { BatchCertificates } from './BatchCertificates';
import { SendDialog } from './SendDialog';

interface IssuedDocument {
  documentId: string;
  number: string;
  kind: TemplateKind;
  version: number;
  generatedAt: string;
  /** Set when the PDF was erased with its household's data (anonymisation). */
  fileErasedAt?: string | null;
  sendings?: Array<{ documentId: string; recipients: string[]; status: 'sent' | 'partial' | 'failed'; error: string | null; sentAt: string }>;
}

const SENDING_COLOR = { sent: 'success600', partial: 'warning600', failed: 'danger600' } as const;

/** Generating, previewing and sending need `generate`; reading issued documents needs `read` (and the record's rights, checked by the server). */
const GENERATE = { generate: [{ action: 'plugin::documents.generate', subject: null }] };

const kindsFor = (model: string): TemplateKind[] => TEMPLATE_KINDS.filter((kind) => KINDS[kind].targetUid === model);

/** Opens a PDF blob in a new tab (preview) or saves it (download). */
function openBlob(blob: Blob, fileName?: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  if (fileName) a.download = fileName;
  else a.target = '_blank';
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const PanelContent = ({ model, documentId }: { model: string; documentId: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const kinds = kindsFor(model);
  const [kind, setKind] = useState<TemplateKind>(kinds[0]);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedDocument[]>([]);
  const { allowedActions } = useRBAC(GENERATE);
  const canGenerate = allowedActions.canGenerate;
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);

  const fail = (error: unknown) => {
    const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
    toggleNotification({ type: 'danger', message: message ?? t('panel.error', "L'opération a échoué.") });
  };

  const refresh = useCallback(async () => {
    const { data } = await get<{ data: IssuedDocument[] }>('/documents/generated', { params: { targetUid: model, targetDocumentId: documentId } });
    setIssued(data.data);
  }, [get, model, documentId]);

  useEffect(() => {
    refresh().catch(() => setIssued([]));
  }, [refresh]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const preview = () =>
    run(async () => {
      const { data } = await post<Blob>('/documents/preview', { kind, documentId, format: 'pdf' }, { responseType: 'blob' });
      openBlob(data);
    });

  const generate = () =>
    run(async () => {
      const { data } = await post<{ data: IssuedDocument }>('/documents/generate', { kind, documentId });
      toggleNotification({ type: 'success', message: t('panel.generated', 'Document {number} généré.', { number: data.data.number }) });
      await refresh();
    });

  const download = (doc: IssuedDocument) =>
    run(async () => {
      const { data } = await get(`/documents/generated/${doc.documentId}/download`, { responseType: 'blob' });
      openBlob(data, `${doc.number}.pdf`);
    });

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      {canGenerate && (
        <>
          <SingleSelect
            aria-label={t('panel.kind', 'Document')}
            value={kind}
            onChange={(value: string | number) => setKind(value as TemplateKind)}
          >
            {kinds.map((k) => (
              <SingleSelectOption key={k} value={k}>
                {KINDS[k].label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Button fullWidth startIcon={<File />} onClick={generate} loading={busy}>
            {t('panel.generate', 'Générer un document')}
          </Button>
          <Button fullWidth variant="tertiary" startIcon={<Eye />} onClick={preview} disabled={busy}>
            {t('panel.preview', 'Aperçu')}
          </Button>
          {model === 'api::donation.donation' && <BatchCertificates donation={documentId} onFinished={() => void refresh()} />}
        </>
      )}
      <Typography variant="sigma" textColor="neutral600">
        {t('panel.issued', 'Documents émis')}
      </Typography>
      {issued.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.none', 'Aucun document émis pour cette fiche.')}
        </Typography>
      ) : (
        issued.map((doc) => (
          <Flex key={doc.documentId} direction="column" alignItems="flex-start" gap={0}>
            {doc.fileErasedAt ? (
              <Typography variant="pi" textColor="neutral600">
                {t('panel.fileErased', '{number} : fichier effacé avec les données du foyer le {date}', { number: doc.number, date: formatDate(doc.fileErasedAt) })}
              </Typography>
            ) : (
              <Link href="#" startIcon={<Download />} onClick={(event: React.MouseEvent) => { event.preventDefault(); void download(doc); }}>
                {t('panel.download', 'Télécharger {number}', { number: doc.number })}
              </Link>
            )}
            <Typography variant="pi" textColor="neutral600">
              {KINDS[doc.kind].label} — {t('panel.version', 'version {version}, le {date}', { version: doc.version, date: formatDate(doc.generatedAt) })}
            </Typography>
            {(doc.sendings ?? []).map((s) => (
              <Typography key={s.documentId} variant="pi" textColor={SENDING_COLOR[s.status]} title={s.error ?? undefined}>
                {s.status === 'sent'
                  ? t('panel.sent', 'Envoyé à {to} le {date}', { to: s.recipients.join(', '), date: formatDate(s.sentAt) })
                  : s.status === 'partial'
                    ? t('panel.sendPartial', 'Envoi partiel à {to} le {date}', { to: s.recipients.join(', '), date: formatDate(s.sentAt) })
                    : t('panel.sendFailed', 'Échec de l’envoi à {to} le {date}', { to: s.recipients.join(', '), date: formatDate(s.sentAt) })}
              </Typography>
            ))}
            {canGenerate && <SendDialog document={doc} onSent={() => void refresh()} />}
          </Flex>
        ))
      )}
    </Flex>
  );
};

/** "Générer un document" in the edit views of the records documents are about. */
export const DocumentsPanel: PanelComponent = ({ model, documentId }: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  if (!documentId || kindsFor(model).length === 0) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Documents' }),
    content: <PanelContent model={model} documentId={documentId} />,
  };
};
