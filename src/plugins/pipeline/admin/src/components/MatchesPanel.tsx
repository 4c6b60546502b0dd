import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { PRESCRIPTION_STAGE } from '../../../../../shared/vocabulary';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';

type NeedStatus = 'built_in' | 'fitted' | 'in_stock' | 'missing';

interface MatchResult {
  prescription: { documentId: string; number: string; stage: string };
  canReserve: boolean;
  total: number;
  matches: Array<{
    complete: boolean;
    needs: Record<string, NeedStatus>;
    machine: { documentId: string; labelCode: string; type: string; brand: string | null; model: string | null; cpu: string | null; ramGb: number | null; readySince: string | null };
  }>;
}

const NEED_LABELS: Record<string, string> = { screen: 'Écran', webcam: 'Webcam', microphone: 'Micro', keyboardMouse: 'Clavier et souris' };
const STATUS_LABELS: Record<NeedStatus, string> = { built_in: 'intégré', fitted: 'posé', in_stock: 'à poser (en stock)', missing: 'manquant' };
const STATUS_COLORS: Record<NeedStatus, string> = { built_in: 'success600', fitted: 'success600', in_stock: 'warning600', missing: 'danger600' };

const Matches = ({ documentId }: { documentId: string }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data, error, reload } = useGet<MatchResult>(`/pipeline/prescriptions/${documentId}/matches`);
  const [busy, setBusy] = useState(false);
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Typography textColor="neutral600">{t('timeline.loading', 'Chargement…')}</Typography>;
  if (!data.canReserve) {
    return <Typography textColor="neutral600">{t('matches.notAccepted', 'Les machines se proposent quand la prescription est « Acceptée ».')}</Typography>;
  }

  const reserve = async (machineId: string, labelCode: string) => {
    setBusy(true);
    try {
      await post(`/pipeline/records/prescriptions/${documentId}/transitions`, { to: PRESCRIPTION_STAGE.machineReserved, from: PRESCRIPTION_STAGE.accepted, machine: machineId });
      toggleNotification({ type: 'success', message: t('matches.reserved', '{code} est réservée pour cette prescription.', { code: labelCode }) });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="pipeline-matches">
      <Typography variant="pi" textColor="neutral600">
        {data.total === 0
          ? t('matches.none', 'Aucune machine prête de ce type pour l’instant.')
          : t('matches.count', '{total} machine(s) prête(s) de ce type ; les plus adaptées d’abord.', { total: data.total })}
      </Typography>
      {data.matches.slice(0, 5).map(({ machine, needs, complete }) => (
        <Box key={machine.documentId} padding={2} hasRadius borderColor={complete ? 'success200' : 'neutral200'} data-testid={`match-${machine.labelCode}`}>
          <Flex justifyContent="space-between" alignItems="center" gap={2}>
            <Typography fontWeight="bold">{machine.labelCode}</Typography>
            {complete && <Badge active>{t('matches.complete', 'Tout y est')}</Badge>}
          </Flex>
          <Typography variant="pi" tag="p">
            {[machine.brand, machine.model].filter(Boolean).join(' ')} {machine.ramGb ? `· ${machine.ramGb} Go` : ''}
          </Typography>
          {Object.entries(needs).map(([need, status]) => (
            <Typography key={need} variant="pi" tag="p" textColor={STATUS_COLORS[status]}>
              {t(`need.${need}`, NEED_LABELS[need] ?? need)} : {t(`needStatus.${status}`, STATUS_LABELS[status])}
            </Typography>
          ))}
          <Box paddingTop={2}>
            <Button size="S" variant="secondary" disabled={busy} onClick={() => reserve(machine.documentId, machine.labelCode)}>
              {t('matches.reserve', 'Réserver {code}', { code: machine.labelCode })}
            </Button>
          </Box>
        </Box>
      ))}
    </Flex>
  );
};

/** Side panel of the prescription edit view: ready units that fit the needs, reserved in one click. */
export const MatchesPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  if (model !== 'api::prescription.prescription' || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('matches.title'), defaultMessage: 'Machines proposées' }),
    content: <Matches documentId={documentId} />,
  };
};

MatchesPanel.type = 'pipeline-matches';
