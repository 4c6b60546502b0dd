import { Box, Flex, Typography } from '@strapi/design-system';
import { StageBadge } from './StageBadge';
import { useIntl } from 'react-intl';
import type { PipelineEvent, RecordState, Workflow } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { useGet } from '../../../../../shared/admin/useApi';
import { useOnRecordChanged } from '../../../../../shared/admin/recordChanged';
import { withValue } from '../../../../../shared/admin/locale';
import { shortName } from '../../../../../shared/badges';

const WORKFLOW_OF: Record<string, 'machines' | 'prescriptions'> = {
  'api::machine.machine': 'machines',
  'api::prescription.prescription': 'prescriptions',
};

const KIND_LABELS: Record<PipelineEvent['kind'], string> = {
  created: 'Enregistrement',
  transition: 'Passage',
  erasure: 'Effacement',
  checklist: 'Contrôles',
  part_fitted: 'Pièce posée',
  note: 'Note',
  device_added: 'Support ajouté',
  device_updated: 'Support modifié',
  device_removed: 'Support retiré',
  no_storage_attested: 'Aucun support de stockage constaté',
  transfer: 'Transfert entre ateliers',
};

const TRANSFER_STEPS: Record<string, string> = {
  proposed: 'proposé', accepted: 'accepté', refused: 'refusé', shipped: 'expédié', received: 'reçu', cancelled: 'annulé',
};

const ERASURE_RESULTS: Record<string, string> = { success: 'réussi', failure: 'échec' };

const Timeline = ({ workflow, documentId }: { workflow: string; documentId: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { data, error, reload } = useGet<RecordState>(`/pipeline/records/${workflow}/${documentId}`);
  useOnRecordChanged(documentId, reload);
  const { data: workflows } = useGet<Workflow[]>('/pipeline/workflows');
  const stages = workflows?.find((w) => w.key === workflow)?.stages ?? [];
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Typography textColor="neutral600">{t('timeline.loading', 'Chargement…')}</Typography>;
  const label = (key: string | null) => (key ? stages.find((s) => s.key === key)?.label ?? key : '');
  /** « Passage : Tri → Test », “Move: Tri → Test”: the event's kind, then what it concerned. */
  const eventLine = (e: RecordState['events'][number]) => {
    const kind = t(`timeline.kind.${e.kind}`, KIND_LABELS[e.kind] ?? e.kind);
    const text = (key: string) => String(e.details[key] ?? '');
    const detail =
      e.kind === 'transition'
        ? `${label(e.fromStage)} → ${label(e.toStage)}`
        : e.kind === 'erasure'
          ? `${text('deviceSerial')} (${t(`timeline.erasure.${text('result')}`, ERASURE_RESULTS[text('result')] ?? text('result'))})`
          : e.kind === 'device_removed'
            ? `${text('serial')} → ${text('destinationLabel')} (${text('reason')})`
            : e.kind === 'device_added' || e.kind === 'device_updated'
              ? text('serial')
              : e.kind === 'transfer'
                ? `${text('transfer')} : ${text('from')} → ${text('to')} (${t(`timeline.transfer.${text('step')}`, TRANSFER_STEPS[text('step')] ?? text('step'))})`
                : '';
    return detail ? withValue(kind, detail) : kind;
  };
  /** The volunteer at the bench when one was identified (« Marie K. (poste : compte Atelier) »), else the account. */
  const who = (e: RecordState['events'][number]) => {
    const operator = e.details.operator as { name?: string } | undefined;
    const account = e.actorName ?? e.actorType;
    return operator?.name ? t('timeline.operator', '{name} (poste : compte {account})', { name: shortName(operator.name), account }) : account;
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="pipeline-timeline">
      {data.stage && (
        <Flex gap={2}>
          <Typography variant="sigma">{t('timeline.stage', 'Étape')}</Typography>
          <StageBadge color={data.stage.color} label={data.stage.label} />
        </Flex>
      )}
      <Typography textColor={data.chain.valid ? 'success600' : 'danger600'} fontWeight="bold">
        {data.chain.valid
          ? t('timeline.chainOk', 'Historique intègre ({events, plural, one {# événement} other {# événements}})', { events: data.chain.events })
          : data.chain.stageMismatch
            ? t('timeline.stageMismatch', 'Étape changée hors de la chaîne : la fiche est à « {current} », son dernier passage enregistré mène à « {recorded} ».', {
                current: label(data.chain.stageMismatch.current) || '—',
                recorded: label(data.chain.stageMismatch.recorded) || '—',
              })
            : t('timeline.chainBroken', 'Historique altéré à l’événement n°{seq} : {reason}', { seq: data.chain.brokenAt, reason: data.chain.reason })}
      </Typography>
      {[...data.events].reverse().slice(0, 12).map((e) => (
        <Box key={e.id} paddingLeft={2} style={{ borderLeft: '2px solid #dcdce4' }}>
          <Typography variant="pi" textColor="neutral600">
            {formatDate(e.at, { dateStyle: 'medium', timeStyle: 'short' })} · {who(e)}
          </Typography>
          <Typography tag="p">{eventLine(e)}</Typography>
        </Box>
      ))}
    </Flex>
  );
};

/** Side panel of the machine and prescription edit views: stage, chain status, latest events. */
export const TimelinePanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  const workflow = WORKFLOW_OF[model];
  if (!workflow || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('timeline.title'), defaultMessage: 'Historique de la chaîne' }),
    content: <Timeline workflow={workflow} documentId={documentId} />,
  };
};

TimelinePanel.type = 'pipeline-timeline';
