import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { ColumnMappingInput, DonationOption, DryRunReport, ImportJob, ImportResponse, Target } from '../../../shared/contracts';
import { JobPanel, RecognitionPanel } from '../components/ReportPanels';
import { MappingTable, PreviewTable, ProblemsTable } from '../components/ReportTables';
import { getTranslation } from '../utils/getTranslation';

const PERMISSIONS = [{ action: 'plugin::intake.import', subject: null }];
const POLL_MS = 500;

/** The French message the server sent with an error, if any. */
function errorMessage(error: unknown): string | null {
  const e = error as { response?: { data?: { error?: { message?: string } } }; message?: string };
  return e?.response?.data?.error?.message ?? e?.message ?? null;
}

/** A 400 from the import carries the dry-run report with the rows refused. */
function errorReport(error: unknown): DryRunReport | null {
  const e = error as { response?: { data?: { error?: { details?: { report?: DryRunReport } } } } };
  return e?.response?.data?.error?.details?.report ?? null;
}

/**
 * The columns staff chose for a file are remembered in this browser for files with the same
 * headers (the same tool's export, next month), and applied to the next trial run.
 */
const mappingKey = (headers: string[]) => `seconde-vie.intake.mapping:${[...headers].map((h) => h.trim().toLowerCase()).sort().join('|')}`;

function rememberedMapping(headers: string[]): ColumnMappingInput | null {
  try {
    const raw = window.localStorage.getItem(mappingKey(headers));
    const parsed = raw ? (JSON.parse(raw) as ColumnMappingInput) : null;
    return parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0 ? parsed : null;
  } catch {
    return null;
  }
}

function rememberMapping(headers: string[], mapping: ColumnMappingInput): void {
  try {
    window.localStorage.setItem(mappingKey(headers), JSON.stringify(mapping));
  } catch {
    // A full or disabled storage only loses the convenience.
  }
}

const running = (job: ImportJob | null) => job !== null && (job.status === 'queued' || job.status === 'running');

const ImportPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();

  const [donations, setDonations] = useState<DonationOption[]>([]);
  const [donation, setDonation] = useState<string | null>(() => new URLSearchParams(window.location.search).get('donation'));
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingInput>({});
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [reused, setReused] = useState(false);
  const timer = useRef<number | null>(null);

  const notifyError = (error: unknown) =>
    toggleNotification({ type: 'danger', message: errorMessage(error) ?? t('error.generic', 'Une erreur est survenue.') });

  const loadDonations = () =>
    get<{ data: DonationOption[] }>('/intake/donations')
      .then(({ data }) => setDonations(data.data))
      .catch(notifyError);

  // Never rejects: a failed poll is notified.
  const poll = async (id: string) => {
    try {
      const { data } = await get<{ data: ImportJob }>(`/intake/jobs/${id}`);
      setJob(data.data);
      if (running(data.data)) follow(id);
      else {
        setBusy(false);
        if (data.data.status === 'done') setReport(null);
        await loadDonations(); // the donation's machine count changed
      }
    } catch (error) {
      notifyError(error);
      setBusy(false);
    }
  };
  const follow = (id: string) => {
    timer.current = window.setTimeout(() => void poll(id), POLL_MS);
  };

  useEffect(() => {
    void loadDonations();
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once, when the page opens
  }, []);

  // An import started earlier (another tab, before a reload) is shown and followed.
  useEffect(() => {
    if (!donation) return;
    get<{ data: ImportJob[] }>(`/intake/donations/${donation}/jobs`)
      .then(({ data }) => {
        const [latest] = data.data;
        if (!latest) return;
        if (running(latest)) {
          setBusy(true);
          setJob(latest);
          follow(latest.id);
        } else if (latest.status === 'interrupted') setJob(latest);
      })
      .catch(notifyError);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the donation changes
  }, [donation]);

  const form = (extra: Record<string, string> = {}, chosen: ColumnMappingInput = mapping) => {
    const body = new FormData();
    if (file) body.append('file', file);
    if (Object.keys(chosen).length > 0) body.append('mapping', JSON.stringify(chosen));
    for (const [k, v] of Object.entries(extra)) body.append(k, v);
    return body;
  };

  const dryRun = async () => {
    if (!donation || !file) return;
    setBusy(true);
    setJob(null);
    setAccepted(false);
    try {
      let { data } = await post<{ data: DryRunReport }>(`/intake/donations/${donation}/dry-run`, form());
      const headers = data.data.columns.map((c) => c.header);
      const remembered = Object.keys(mapping).length === 0 ? rememberedMapping(headers) : null;
      const differs = remembered && data.data.columns.some((c) => remembered[c.header] && remembered[c.header] !== c.target);
      setReused(Boolean(differs));
      if (remembered && differs) {
        // Same headers as a file mapped by hand before: the trial runs again with those choices.
        setMapping(remembered);
        ({ data } = await post<{ data: DryRunReport }>(`/intake/donations/${donation}/dry-run`, form({}, remembered)));
      }
      setReport(data.data);
      setDirty(false);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    if (!donation || !file || !report) return;
    setBusy(true);
    try {
      const extra: Record<string, string> = { background: 'true' };
      if (report.warningsDigest) extra.acceptWarnings = report.warningsDigest;
      // Always as a job, so that staff see the progress even for a small file.
      const { data } = await post<ImportResponse>(`/intake/donations/${donation}/import`, form(extra));
      if (data.data.mode === 'job') {
        setJob(data.data.job);
        follow(data.data.job.id);
      } else setBusy(false);
    } catch (error) {
      setReport(errorReport(error) ?? report);
      notifyError(error);
      setBusy(false);
    }
  };

  const downloadTemplate = async () => {
    try {
      const { data } = await get<Blob>('/intake/template', { responseType: 'blob' });
      const url = URL.createObjectURL(data);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'modele-import-parc.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      notifyError(error);
    }
  };

  const changeColumn = (header: string, target: Target) => {
    const next = { ...mapping, [header]: target };
    setMapping(next);
    if (report) rememberMapping(report.columns.map((c) => c.header), next);
    setDirty(true);
    if (report) setReport({ ...report, columns: report.columns.map((c) => (c.header === header ? { ...c, target, source: 'chosen' } : c)) });
  };

  const selected = donations.find((d) => d.documentId === donation);
  const needsAcceptance = report !== null && report.warnings.length > 0;
  const canImport = report !== null && report.problems.length === 0 && report.validRows > 0 && !busy && !dirty && (!needsAcceptance || accepted);

  return (
    <Page.Protect permissions={PERMISSIONS}>
      <Page.Main>
        <Page.Title>{t('page.title', "Import d'un parc")}</Page.Title>
        <Layouts.Header
          title={t('page.title', "Import d'un parc")}
          subtitle={t('page.subtitle', "Importez l'inventaire d'un donateur dans un lot.")}
          secondaryAction={
            <Button variant="tertiary" startIcon={<Download />} onClick={downloadTemplate}>
              {t('template.download', 'Télécharger le modèle CSV')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Field.Root name="donation" hint={selected ? t('donation.hint', '', { machines: selected.machines }) : undefined}>
                  <Field.Label>{t('donation.label', 'Lot')}</Field.Label>
                  <SingleSelect
                    placeholder={t('donation.placeholder', 'Choisissez le lot')}
                    value={donation}
                    onChange={(value) => {
                      setDonation(String(value));
                      setReport(null);
                      setMapping({});
                      setJob(null);
                    }}
                  >
                    {donations.map((d) => (
                      <SingleSelectOption key={d.documentId} value={d.documentId}>
                        {[d.reference, d.donor, d.collectedAt].filter(Boolean).join(' · ')}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                </Field.Root>
                <Field.Root name="file" hint={t('file.hint', 'CSV ou classeur Excel .xlsx.')}>
                  <Field.Label>{t('file.label', "Fichier de l'inventaire")}</Field.Label>
                  <input
                    type="file"
                    name="file"
                    accept=".csv,.txt,.tsv,.xlsx"
                    onChange={(event) => {
                      setFile(event.target.files?.[0] ?? null);
                      setMapping({});
                      setReport(null);
                      setJob(null);
                    }}
                  />
                  <Field.Hint />
                </Field.Root>
                <Flex gap={2}>
                  <Button onClick={dryRun} disabled={!donation || !file || busy} loading={busy && !job}>
                    {report && dirty ? t('dryRun.again', "Relancer l'essai") : t('dryRun.button', "Lancer l'essai à blanc")}
                  </Button>
                  <Button variant="success" onClick={runImport} disabled={!canImport}>
                    {report ? t('import.button', 'Importer', { count: report.validRows }) : t('import.start', 'Importer')}
                  </Button>
                </Flex>
                {dirty && report && (
                  <Typography variant="pi" textColor="warning600">{t('mapping.changed', 'Colonnes modifiées : relancez l’essai avant d’importer.')}</Typography>
                )}
              </Flex>
            </Box>

            {job && (
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                <JobPanel job={job} />
              </Box>
            )}

            {report && (
              <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                <Flex direction="column" alignItems="stretch" gap={5}>
                  <Typography variant="delta" tag="h2">{t('report.title', "Résultat de l'essai à blanc")}</Typography>
                  <RecognitionPanel report={report} />
                  {reused && (
                    <Typography textColor="primary600" data-testid="mapping-reused">
                      {t('mapping.reused', 'Colonnes reprises de votre dernier essai d’un fichier aux mêmes en-têtes ; modifiez-les ci-dessous si besoin.')}
                    </Typography>
                  )}
                  <Typography>
                    {t('report.summary', '', { format: report.formatLabel, total: report.totalRows, valid: report.validRows, invalid: report.invalidRows })}
                  </Typography>
                  {report.problems.length === 0 ? (
                    <Alert variant="success" closeLabel="OK" title="">{t('report.ready', 'Toutes les lignes sont prêtes.')}</Alert>
                  ) : (
                    <>
                      <Alert variant="danger" closeLabel="OK" title="">{t('report.blocked', '', { count: report.invalidRows })}</Alert>
                      <Typography variant="epsilon" tag="h3">{t('problems.title', 'Problèmes, ligne par ligne')}</Typography>
                      <ProblemsTable problems={report.problems} label={t('problems.title', 'Problèmes, ligne par ligne')} />
                    </>
                  )}
                  {report.warnings.length > 0 && (
                    <>
                      <Typography variant="epsilon" tag="h3">{t('warnings.title', 'Avertissements à accepter')}</Typography>
                      <ProblemsTable problems={report.warnings} label={t('warnings.title', 'Avertissements à accepter')} />
                      <Checkbox checked={accepted} onCheckedChange={(v: boolean | 'indeterminate') => setAccepted(v === true)}>
                        {t('warnings.accept', "J'ai relu ces {count, number} avertissement(s) et j'importe les machines telles qu'indiqué.", { count: report.warnings.length })}
                      </Checkbox>
                    </>
                  )}
                  <Typography variant="epsilon" tag="h3">{t('mapping.title', 'Colonnes du fichier')}</Typography>
                  <MappingTable columns={report.columns} onChange={changeColumn} />
                  {report.preview.length > 0 && (
                    <>
                      <Typography variant="epsilon" tag="h3">{t('preview.title', 'Aperçu')}</Typography>
                      <PreviewTable rows={report.preview} />
                    </>
                  )}
                </Flex>
              </Box>
            )}
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Page.Protect>
  );
};

export default ImportPage;
