import { useCallback, useEffect, useRef, useState } from 'react';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/admin/strapi-admin';
import { Box, Button, Dialog, Field, Flex, Grid, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { useBlocker } from 'react-router-dom';
import { ArrowClockwise, Check } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { KINDS, type TemplateKind } from '../../../server/src/domain/kinds';
import { fieldsOf } from '../../../server/src/domain/fields';
import { insertAtCaret, MergeFieldChips } from '../../../../../shared/admin/MergeFieldChips';
import { SharedSettingsNotice, useSharedSettings } from '../../../../../shared/admin/sharedSettings';
import { getTranslation } from '../pluginId';

interface Template {
  documentId: string;
  name: string;
  kind: TemplateKind;
  html: string;
  css: string | null;
  version: number;
  edited: boolean;
  defaultKey: string | null;
}

interface RecordOption {
  documentId: string;
  label: string;
}

const PERMISSIONS = [{ action: 'plugin::documents.templates.manage', subject: null }];

/** Waits until the value has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const TemplatesEditor = () => {
  const { formatMessage } = useIntl();
  const { get, post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  const [templates, setTemplates] = useState<Template[]>([]);
  const [selectedId, setSelectedId] = useState<string>('');
  const [html, setHtml] = useState('');
  const [css, setCss] = useState('');
  const [records, setRecords] = useState<RecordOption[]>([]);
  const [recordId, setRecordId] = useState<string>('');
  const [preview, setPreview] = useState('');
  const [previewError, setPreviewError] = useState<string | null>(null);
  const selected = templates.find((tpl) => tpl.documentId === selectedId);
  // The templates are the whole network's: another workshop's staff read them and preview them, the main workshop changes them.
  const shared = useSharedSettings();
  const readOnly = !shared.editable;
  // Changes not saved yet: leaving the page or the template asks first; closing the tab too.
  const dirty = Boolean(selected) && (html !== selected?.html || css !== (selected?.css ?? ''));
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const [pendingTemplate, setPendingTemplate] = useState<string | null>(null);
  // A chip inserts its field at the template's caret; the text then differs from the saved one (dirty).
  const htmlRef = useRef<HTMLTextAreaElement>(null);
  const insertField = (field: string) => insertAtCaret(htmlRef.current, html, `{{${field}}}`, setHtml);

  const errorMessage = (error: unknown) =>
    (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? t('panel.error', "L'opération a échoué.");

  const load = useCallback(async (keep?: string) => {
    const { data } = await get<{ data: Template[] }>('/documents/templates');
    setTemplates(data.data);
    const current = data.data.find((tpl) => tpl.documentId === keep) ?? data.data[0];
    if (current) {
      setSelectedId(current.documentId);
      setHtml(current.html);
      setCss(current.css ?? '');
    }
  }, [get]);

  useEffect(() => {
    load().catch((error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) }));
  }, [load]); // eslint-disable-line react-hooks/exhaustive-deps -- loaded when load changes, not when the notification helpers get a new identity

  useEffect(() => {
    if (!selected) return;
    get<{ data: RecordOption[] }>('/documents/records', { params: { kind: selected.kind } })
      .then(({ data }) => {
        setRecords(data.data);
        setRecordId(data.data[0]?.documentId ?? '');
      })
      .catch(() => setRecords([]));
  }, [get, selected?.kind]); // eslint-disable-line react-hooks/exhaustive-deps -- the records depend on the template's kind only, not on its edited text

  const sourceKey = useDebounced(JSON.stringify({ html, css, recordId, selectedId }), 500);
  useEffect(() => {
    const source = JSON.parse(sourceKey) as { html: string; css: string; recordId: string; selectedId: string };
    const tpl = templates.find((x) => x.documentId === source.selectedId);
    if (!tpl || (!source.recordId && tpl.kind !== 'prescription-form')) return;
    post<{ data: { html: string } }>('/documents/preview', {
      kind: tpl.kind,
      templateId: tpl.documentId,
      html: source.html,
      css: source.css,
      format: 'json',
      ...(source.recordId ? { documentId: source.recordId } : {}),
    })
      .then(({ data }) => {
        setPreview(data.data.html);
        setPreviewError(null);
      })
      .catch((error: unknown) => setPreviewError(errorMessage(error)));
  }, [sourceKey, templates]); // eslint-disable-line react-hooks/exhaustive-deps -- the preview follows the debounced source, not post's or errorMessage's identity

  const choose = (id: string, discard = false) => {
    const tpl = templates.find((x) => x.documentId === id);
    if (!tpl || id === selectedId) return;
    if (dirty && !discard) {
      setPendingTemplate(id);
      return;
    }
    setPendingTemplate(null);
    setSelectedId(id);
    setHtml(tpl.html);
    setCss(tpl.css ?? '');
  };

  const save = async () => {
    try {
      const { data } = await put<{ data: Template }>(`/documents/templates/${selectedId}`, { html, css });
      // The saved template first, then the message: « enregistré » never shows beside « Modifications non enregistrées ».
      await load(selectedId).catch(() => undefined);
      toggleNotification({ type: 'success', message: t('editor.saved', 'Modèle enregistré (version {version}).', { version: data.data.version }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const reset = async () => {
    try {
      await post(`/documents/templates/${selectedId}/reset`);
      toggleNotification({ type: 'success', message: t('editor.reset.done', 'Modèle remis à sa version par défaut.') });
      await load(selectedId);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('editor.title', 'Modèles de documents')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('editor.title', 'Modèles de documents')}
          subtitle={t('editor.subtitle', "Adaptez le texte des documents ; l'aperçu se met à jour pendant que vous tapez.")}
          primaryAction={
            <Flex gap={2}>
              {selected?.defaultKey && (
                <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={reset} disabled={readOnly}>
                  {t('editor.reset', 'Revenir au modèle par défaut')}
                </Button>
              )}
              {dirty && (
                <Typography textColor="warning600" fontWeight="bold" data-testid="template-unsaved">
                  {t('editor.unsaved', 'Modifications non enregistrées')}
                </Typography>
              )}
              <Button startIcon={<Check />} onClick={save} disabled={readOnly || !selected || !dirty}>
                {t('editor.save', 'Enregistrer')}
              </Button>
            </Flex>
          }
        />
        <Dialog.Root
          open={blocker.state === 'blocked' || pendingTemplate !== null}
          onOpenChange={(open: boolean) => {
            if (open) return;
            if (blocker.state === 'blocked') blocker.reset();
            setPendingTemplate(null);
          }}
        >
          <Dialog.Content>
            <Dialog.Header>{t('editor.leave.title', 'Modifications non enregistrées')}</Dialog.Header>
            <Dialog.Body>
              {t('editor.leave.body', 'Le modèle « {name} » a des modifications non enregistrées. Les abandonner ?', { name: selected?.name ?? '' })}
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button variant="tertiary">{t('editor.leave.stay', 'Continuer l’édition')}</Button>
              </Dialog.Cancel>
              <Dialog.Action>
                <Button
                  variant="danger-light"
                  onClick={() => {
                    if (blocker.state === 'blocked') blocker.proceed();
                    else if (pendingTemplate) choose(pendingTemplate, true);
                  }}
                >
                  {t('editor.leave.discard', 'Abandonner les modifications')}
                </Button>
              </Dialog.Action>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Root>
        <Layouts.Content>
          {shared.known && readOnly && (
            <Box paddingBottom={4}>
              <SharedSettingsNotice>
                {t('sharedSettings.notice', 'Réglage commun à tous les ateliers du réseau : seule l’équipe de l’atelier principal ({workshop}) peut le modifier.', { workshop: shared.mainWorkshop })}
              </SharedSettingsNotice>
            </Box>
          )}
          <Grid.Root gap={4}>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Field.Root name="template">
                  <Field.Label>{t('editor.template', 'Modèle')}</Field.Label>
                  <SingleSelect value={selectedId} onChange={(value: string | number) => choose(String(value))}>
                    {templates.map((tpl) => (
                      <SingleSelectOption key={tpl.documentId} value={tpl.documentId}>
                        {`${tpl.name} — v${tpl.version}${tpl.edited ? ` (${t('editor.edited', 'modifié')})` : ''}`}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  {selected && (
                    <Typography variant="pi" textColor="neutral600">
                      {KINDS[selected.kind].label}
                    </Typography>
                  )}
                </Field.Root>
                <Field.Root name="record">
                  <Field.Label>{t('editor.record', 'Aperçu avec la fiche')}</Field.Label>
                  <SingleSelect value={recordId} onChange={(value: string | number) => setRecordId(String(value))}>
                    {records.map((record) => (
                      <SingleSelectOption key={record.documentId} value={record.documentId}>
                        {record.label}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
                <Field.Root name="html">
                  <Field.Label>{t('editor.html', 'Modèle (HTML et Handlebars)')}</Field.Label>
                  <Textarea ref={htmlRef} name="html" readOnly={readOnly} value={html} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setHtml(event.target.value)} style={{ fontFamily: 'monospace', minHeight: '420px' }} />
                </Field.Root>
                {selected && !readOnly && (
                  <MergeFieldChips
                    title={t('editor.fields', 'Champs disponibles (cliquez pour insérer au curseur)')}
                    fields={fieldsOf(selected.kind)}
                    labelOf={(field, label) => t(`field.${field}`, label)}
                    onInsert={insertField}
                  />
                )}
                <Field.Root name="css">
                  <Field.Label>{t('editor.css', 'Mise en forme (CSS)')}</Field.Label>
                  <Textarea name="css" readOnly={readOnly} value={css} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setCss(event.target.value)} style={{ fontFamily: 'monospace', minHeight: '160px' }} />
                </Field.Root>
              </Flex>
            </Grid.Item>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
              {previewError && (
                <Box padding={3} background="danger100" marginBottom={2}>
                  <Typography textColor="danger700">{previewError}</Typography>
                </Box>
              )}
              {!previewError && selected && records.length === 0 && selected.kind !== 'prescription-form' && (
                <Box padding={3} background="neutral100" marginBottom={2}>
                  <Typography textColor="neutral700">
                    {t('editor.noRecord', 'Aucune fiche de ce type pour l’aperçu ({kind}) : créez-en une, l’aperçu s’affichera avec elle.', { kind: KINDS[selected.kind].label })}
                  </Typography>
                </Box>
              )}
              <Box background="neutral0" shadow="tableShadow" hasRadius>
                {/* No scripts, no same-origin: the preview is a document, not part of the admin. */}
                <iframe title={t('editor.preview', 'Aperçu')} sandbox="" srcDoc={preview} style={{ width: '100%', height: '1100px', border: 0 }} />
              </Box>
            </Grid.Item>
          </Grid.Root>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
};

const TemplatesPage = () => (
  <Page.Protect permissions={PERMISSIONS}>
    <TemplatesEditor />
  </Page.Protect>
);

export default TemplatesPage;
