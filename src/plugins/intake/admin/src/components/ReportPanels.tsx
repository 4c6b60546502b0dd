import { Alert, Box, Flex, LinkButton, ProgressBar, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import type { DryRunReport, ImportJob } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { ProblemsTable } from './ReportTables';

const useT = () => {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
};

const quoted = (headers: string[]) => headers.map((h) => `« ${h} »`).join(', ');

/** Which export the file is, and why: the headers only that tool writes; a tie shown as such. */
export const RecognitionPanel = ({ report }: { report: DryRunReport }) => {
  const t = useT();
  const { recognition } = report;
  const file = [
    report.fileKind === 'xlsx' ? t('file.xlsx', 'Classeur Excel (feuille « {sheet} »)', { sheet: report.sheetName ?? '' }) : 'CSV',
    report.encoding === 'windows-1252' ? 'Windows-1252' : report.encoding === 'utf-8' ? (report.bom ? t('file.utf8bom', 'UTF-8 avec BOM') : t('file.utf8', 'UTF-8 sans BOM')) : null,
    report.delimiter ? t('file.delimiter', 'séparateur « {delimiter} »', { delimiter: report.delimiter === '\t' ? t('file.tab', 'tabulation') : report.delimiter }) : null,
    t('file.headerRow', 'en-têtes ligne {row}', { row: report.headerRow }),
  ].filter(Boolean);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} aria-label={t('recognition.title', 'Format reconnu')} role="region">
      {recognition.format === 'unknown' ? (
        <Alert variant="default" closeLabel="OK" title={t('recognition.unknownTitle', 'Format non reconnu')}>
          {t('recognition.unknown', 'Aucun export connu (GLPI, Snipe-IT, OCS Inventory NG, modèle Seconde Vie) ne se reconnaît à ces en-têtes : vérifiez la correspondance des colonnes ci-dessous.')}
        </Alert>
      ) : (
        <Alert variant={recognition.ambiguous ? 'warning' : 'success'} closeLabel="OK" title={t('recognition.title', 'Format reconnu')}>
          {t('recognition.evidence', '{format}, reconnu à ses en-têtes {evidence}.', { format: recognition.label, evidence: quoted(recognition.evidence) })}
          {recognition.ambiguous &&
            ` ${t('recognition.ambiguous', 'Ambigu : {others} a autant d’indices. Vérifiez les colonnes.', {
              others: recognition.candidates
                .filter((c) => c.format !== recognition.format && c.evidence.length === recognition.evidence.length)
                .map((c) => `${c.label} (${quoted(c.evidence)})`)
                .join(', '),
            })}`}
        </Alert>
      )}
      <Typography variant="pi" textColor="neutral600">{file.join(' · ')}</Typography>
    </Flex>
  );
};

/** A background import: rows checked, then written; the outcome, with a link to the units. */
export const JobPanel = ({ job }: { job: ImportJob }) => {
  const t = useT();
  const unitsLink = `/content-manager/collection-types/api::machine.machine?page=1&pageSize=50&filters[$and][0][donation][documentId][$eq]=${job.donation}`;
  if (job.status === 'done' && job.result) {
    return (
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Alert variant="success" closeLabel="OK" title={t('import.doneTitle', 'Import terminé')}>
          {t('import.done', '{created, number} machine(s) importée(s), étiquettes {first} à {last}.', {
            created: job.result.created,
            first: job.result.firstLabelCode ?? '-',
            last: job.result.lastLabelCode ?? '-',
          })}
        </Alert>
        <Box>
          <LinkButton tag={Link} to={unitsLink} variant="secondary">
            {t('import.units', 'Voir les machines du lot')}
          </LinkButton>
        </Box>
      </Flex>
    );
  }
  if (job.status === 'failed' || job.status === 'interrupted') {
    return (
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Alert variant="danger" closeLabel="OK" title={t(`import.${job.status}Title`, job.status === 'failed' ? "L'import a échoué" : 'Import interrompu')}>
          {job.status === 'failed'
            ? t('import.failed', "L'import a échoué : rien n'a été importé.")
            : t('import.interrupted', "L'application s'est arrêtée pendant l'import : rien n'a été importé. Relancez-le.")}
        </Alert>
        {job.errors.length > 0 && <ProblemsTable problems={job.errors} label={t('problems.title', 'Problèmes, ligne par ligne')} />}
      </Flex>
    );
  }
  const percent = job.total > 0 ? Math.round(((job.checked + job.written) / (2 * job.total)) * 100) : 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} role="status" aria-label={t('import.progress', 'Avancement de l’import')}>
      <Typography variant="delta" tag="h2">{t('import.runningTitle', 'Import en cours')}</Typography>
      <Typography>
        {job.status === 'queued' || job.phase === 'waiting'
          ? t('import.waiting', 'En attente : un autre import dans ce lot se termine d’abord.')
          : t('import.running', '{checked, number} / {total, number} ligne(s) vérifiée(s) · {written, number} / {total, number} écrite(s)', {
              checked: job.checked,
              written: job.written,
              total: job.total,
            })}
      </Typography>
      <Flex gap={3} alignItems="center">
        <Box style={{ flex: 1 }}>
          <ProgressBar value={percent} style={{ width: '100%' }} />
        </Box>
        <Typography variant="omega" fontWeight="bold">{`${percent} %`}</Typography>
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {t('import.allOrNothing', "Tout ou rien : tant que l'import n'est pas terminé, aucune machine n'est enregistrée. Vous pouvez quitter la page, l'avancement reste visible ici.")}
      </Typography>
    </Flex>
  );
};
