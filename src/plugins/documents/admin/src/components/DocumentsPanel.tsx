import { useCallback, useEffect, useState } from 'react';
import { useFetchClient, useNotification, useRBAC } from '@strapi/admin/strapi-admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Box, Button, Flex, Link, Modal, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Download, Eye, File } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { appliesTo, KINDS, TEMPLATE_KINDS, type TemplateKind } from '../../../server/src/domain/kinds';
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

/** The kinds a record may be issued as: its type's, and for a convention only its own kind's. */
const kindsFor = (model: string, record?: Record<string, unknown> | null): TemplateKind[] =>
  TEMPLATE_KINDS.filter((kind) => KINDS[kind].targetUid === model && appliesTo(kind, record));

/** Saves a PDF blob (download). */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const PanelContent = ({ model, documentId, record }: { model: string; documentId: string; record?: Record<string, unknown> | null }) => {
  const { formatMessage, formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const kinds = kindsFor(model, record);
  const [chosen, setKind] = useState<TemplateKind>(kinds[0]);
  // The record's kind may change (a convention turned into a membership one): the choice follows.
  const kind = kinds.includes(chosen) ? chosen : kinds[0];
  // The preview opens in the page (a new tab opened after the render would be a blocked pop-up).
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
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
      const { data } = await post<{ data: { html: string } }>('/documents/preview', { kind, documentId, format: 'json' });
      setPreviewHtml(data.data.html);
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
      saveBlob(data, `${doc.number}.pdf`);
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
          <Button fullWidth variant="tertiary" startIcon={<Eye />} onClick={preview} disabled={busy || !kind}>
            {t('panel.preview', 'Aperçu')}
          </Button>
          <Modal.Root open={previewHtml !== null} onOpenChange={(open: boolean) => !open && setPreviewHtml(null)}>
            <Modal.Content style={{ width: 'min(960px, 95vw)', maxWidth: 'none' }}>
              <Modal.Header>
                <Modal.Title>{t('panel.previewTitle', 'Aperçu : {kind}', { kind: kind ? KINDS[kind].label : '' })}</Modal.Title>
              </Modal.Header>
              <Modal.Body>
                <Box background="neutral0" shadow="tableShadow" hasRadius>
                  {/* No scripts, no same-origin: the preview is a document, not part of the admin. */}
                  <iframe title={t('panel.previewFrame', 'Aperçu du document')} sandbox="" srcDoc={previewHtml ?? ''} style={{ width: '100%', height: '70vh', border: 0 }} />
                </Box>
              </Modal.Body>
              <Modal.Footer>
                <Modal.Close>
                  <Button variant="tertiary">{t('panel.previewClose', 'Fermer')}</Button>
                </Modal.Close>
              </Modal.Footer>
            </Modal.Content>
          </Modal.Root>
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
export const DocumentsPanel: PanelComponent = ({ model, documentId, document: record }: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  if (!documentId || kindsFor(model).length === 0) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Documents' }),
    content: <PanelContent model={model} documentId={documentId} record={record as Record<string, unknown> | undefined} />,
  };
};
