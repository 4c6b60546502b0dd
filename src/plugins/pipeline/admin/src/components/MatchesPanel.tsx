import { Badge, Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useState, type KeyboardEvent } from 'react';
import { useIntl } from 'react-intl';
import type { MoveOffer, RecordState } from '../../../shared/contracts';
import { StageBadge } from './StageBadge';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import { useAnnounceChange, useOnRecordChanged } from '../../../../../shared/admin/recordChanged';
import { ENUM_LABELS } from '../../../../../shared/labels';
import { PRESCRIPTION_STAGE } from '../../../../../shared/vocabulary';

const MODEL = 'api::prescription.prescription';
const READ = [{ action: 'plugin::pipeline.prescriptions.read', subject: null }];

type NeedStatus = 'built_in' | 'fitted' | 'in_stock' | 'missing';

interface Unit {
  documentId: string;
  labelCode: string;
  type: string;
  brand: string | null;
  model: string | null;
  cpu: string | null;
  ramGb: number | null;
}

interface MatchResult {
  prescription: { documentId: string; number: string; stage: string };
  canReserve: boolean;
  total: number;
  matches: Array<{ complete: boolean; needs: Record<string, NeedStatus>; machine: Unit & { readySince: string | null } }>;
  search: { query: string; more: boolean; machines: Unit[] } | null;
}

const NEED_LABELS: Record<string, string> = { screen: 'Écran', webcam: 'Webcam', microphone: 'Micro', keyboardMouse: 'Clavier et souris' };
const STATUS_LABELS: Record<NeedStatus, string> = { built_in: 'intégré', fitted: 'posé', in_stock: 'à poser (en stock)', missing: 'manquant' };
const STATUS_COLORS: Record<NeedStatus, string> = { built_in: 'success600', fitted: 'success600', in_stock: 'warning600', missing: 'danger600' };
/** Moves that end a prescription without a computer: offered, but not as the main action. */
const EXITS: string[] = [PRESCRIPTION_STAGE.refused, PRESCRIPTION_STAGE.withdrawn];

/**
 * « Parcours » in a prescription's edit view: its stage, the moves this user may make as buttons,
 * and, once accepted, the reservation of a unit (the best-fitting ones first, or any ready unit
 * found by label code, brand, model, processor or type). After each action the form and the
 * other panels reload.
 */
const Parcours = ({ documentId }: { documentId: string }) => {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const announce = useAnnounceChange();
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const state = useGet<RecordState>(`/pipeline/records/prescriptions/${documentId}`);
  const matchesUrl = `/pipeline/prescriptions/${documentId}/matches${asked ? `?q=${encodeURIComponent(asked)}` : ''}`;
  const matches = useGet<MatchResult>(matchesUrl);
  const { reload: reloadState } = state;
  const { reload: reloadMatches } = matches;
  const reloadAll = useCallback(() => {
    reloadState();
    reloadMatches();
  }, [reloadState, reloadMatches]);
  useOnRecordChanged(documentId, reloadAll);

  if (state.error) return <Typography textColor="danger600">{state.error}</Typography>;
  if (!state.data) return <Typography textColor="neutral600">{t('timeline.loading', 'Chargement…')}</Typography>;
  const { stage, moves } = state.data;
  const from = stage?.key;

  const move = async (offer: MoveOffer, machine?: Unit) => {
    setBusy(true);
    try {
      await post(`/pipeline/records/prescriptions/${documentId}/transitions`, { to: offer.stage.key, from, ...(machine ? { machine: machine.documentId } : {}) });
      toggleNotification({
        type: 'success',
        message: machine
          ? t('matches.reserved', '{code} est réservée pour cette prescription.', { code: machine.labelCode })
          : t('parcours.moved', 'Prescription passée à « {stage} ».', { stage: offer.stage.label }),
      });
      setAsked('');
      setQuery('');
      announce(MODEL, documentId);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const allowed = moves.filter((m) => m.allowed);
  const reserve = allowed.find((m) => m.needsMachine);
  const buttons = allowed.filter((m) => !m.needsMachine);
  const refusal = moves.find((m) => !m.allowed)?.reason;
  const typeLabel = (type: string) => ENUM_LABELS[type]?.[locale.startsWith('fr') ? 'fr' : 'en'] ?? type;
  const describe = (m: Unit) => [typeLabel(m.type), [m.brand, m.model].filter(Boolean).join(' '), m.cpu, m.ramGb ? `${m.ramGb} Go` : null].filter(Boolean).join(' · ');
  const reserveButton = (m: Unit) =>
    reserve && (
      <Button size="S" variant="secondary" disabled={busy} onClick={() => move(reserve, m)}>
        {t('matches.reserve', 'Réserver {code}', { code: m.labelCode })}
      </Button>
    );
  const search = () => {
    setAsked(query.trim());
    setShowAll(false);
  };
  // Enter in the search box searches; it must not submit the content manager's form around it.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search();
  };
  const proposals = matches.data?.matches ?? [];

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="pipeline-parcours">
      {stage && (
        <Flex gap={2}>
          <Typography variant="sigma">{t('timeline.stage', 'Étape')}</Typography>
          <StageBadge color={stage.color} label={stage.label} data-testid="parcours-stage" />
        </Flex>
      )}
      {buttons.length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          {buttons.map((offer) => (
            <Button key={offer.stage.key} variant={EXITS.includes(offer.stage.key) ? 'danger-light' : 'default'} disabled={busy} onClick={() => move(offer)} fullWidth>
              {t('parcours.move', '→ {stage}', { stage: offer.stage.label })}
            </Button>
          ))}
        </Flex>
      )}
      {allowed.length === 0 && (
        <Typography variant="pi" textColor="neutral600">
          {moves.length === 0 ? t('parcours.final', 'Étape finale : le suivi de cette prescription est terminé.') : refusal}
        </Typography>
      )}
      {from === PRESCRIPTION_STAGE.machineReserved && (
        <Typography variant="pi" textColor="neutral600">
          {t('parcours.receipt', 'Pour la remise : imprimez le récépissé de remise (panneau « Documents »), faites-le signer, puis passez la prescription à « Remise ».')}
        </Typography>
      )}
      {reserve && matches.data?.canReserve && (
        <Flex direction="column" alignItems="stretch" gap={3} data-testid="pipeline-matches">
          <Typography variant="delta" tag="h3">
            {t('matches.title', 'Machines proposées')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {matches.data.total === 0
              ? t('matches.none', 'Aucune machine prête de ce type pour l’instant.')
              : t('matches.count', '{total} machine(s) prête(s) de ce type ; les plus adaptées d’abord.', { total: matches.data.total })}
          </Typography>
          {proposals.slice(0, showAll ? proposals.length : 5).map(({ machine, needs, complete }) => (
            <Box key={machine.documentId} padding={2} hasRadius borderColor={complete ? 'success200' : 'neutral200'} data-testid={`match-${machine.labelCode}`}>
              <Flex justifyContent="space-between" alignItems="center" gap={2}>
                <Typography fontWeight="bold">{machine.labelCode}</Typography>
                {complete && <Badge active>{t('matches.complete', 'Tout y est')}</Badge>}
              </Flex>
              <Typography variant="pi" tag="p">
                {describe(machine)}
              </Typography>
              {Object.entries(needs).map(([need, status]) => (
                <Typography key={need} variant="pi" tag="p" textColor={STATUS_COLORS[status]}>
                  {t(`need.${need}`, NEED_LABELS[need] ?? need)} : {t(`needStatus.${status}`, STATUS_LABELS[status])}
                </Typography>
              ))}
              <Box paddingTop={2}>{reserveButton(machine)}</Box>
            </Box>
          ))}
          {!showAll && proposals.length > 5 && (
            <Button variant="tertiary" onClick={() => setShowAll(true)}>
              {t('matches.more', 'Voir les {count} premières', { count: proposals.length })}
            </Button>
          )}
          <Field.Root hint={t('matches.searchHint', 'Code d’étiquette, marque, modèle, processeur ou type (portable, fixe…). Toutes les machines prêtes, de tout type.')}>
            <Field.Label>{t('matches.search', 'Chercher une autre machine prête')}</Field.Label>
            <Flex gap={2}>
              <TextInput
                name="pipeline-machine-search"
                placeholder="SV-000123, Dell, i5…"
                value={query}
                maxLength={80}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)}
                onKeyDown={onKeyDown}
              />
              <Button variant="secondary" disabled={!query.trim()} onClick={search}>
                {t('matches.find', 'Chercher')}
              </Button>
            </Flex>
            <Field.Hint />
          </Field.Root>
          {matches.data.search && (
            <Flex direction="column" alignItems="stretch" gap={2} data-testid="pipeline-search-results">
              {matches.data.search.machines.length === 0 && (
                <Typography variant="pi" textColor="neutral600">
                  {t('matches.noResult', 'Aucune machine prête ne correspond à « {query} ».', { query: matches.data.search.query })}
                </Typography>
              )}
              {matches.data.search.machines.map((m) => (
                <Box key={m.documentId} padding={2} hasRadius borderColor="neutral200" data-testid={`found-${m.labelCode}`}>
                  <Typography fontWeight="bold">{m.labelCode}</Typography>
                  <Typography variant="pi" tag="p">
                    {describe(m)}
                  </Typography>
                  <Box paddingTop={2}>{reserveButton(m)}</Box>
                </Box>
              ))}
              {matches.data.search.more && (
                <Typography variant="pi" textColor="neutral600">
                  {t('matches.tooMany', 'Les 20 premières seulement : précisez la recherche.')}
                </Typography>
              )}
            </Flex>
          )}
        </Flex>
      )}
      {matches.error && <Typography textColor="danger600">{matches.error}</Typography>}
    </Flex>
  );
};

const Guarded = ({ documentId }: { documentId: string }) => {
  const { allowedActions, isLoading } = useRBAC(READ);
  if (isLoading || !allowedActions.canRead) return null;
  return <Parcours documentId={documentId} />;
};

/** Side panel of the prescription edit view: where it stands, what to do next, the unit to reserve. */
export const MatchesPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  if (model !== MODEL || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('parcours.title'), defaultMessage: 'Parcours de la prescription' }),
    content: <Guarded documentId={documentId} />,
  };
};

MatchesPanel.type = 'pipeline-matches';
