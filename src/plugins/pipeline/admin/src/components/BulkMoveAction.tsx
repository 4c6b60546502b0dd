import { Box, Button, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { Workflow } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import { useAnnounceChange } from '../../../../../shared/admin/recordChanged';
import { PRESCRIPTION_DRIVEN_STAGES, PRESCRIPTION_STAGE } from '../../../../../shared/vocabulary';

const SUPER_ADMIN = 'strapi-super-admin';

/** Moving in bulk needs the route's permission, and for prescriptions their own (as the server checks). */
const MOVE: Record<'machines' | 'prescriptions', string[]> = {
  machines: ['plugin::pipeline.transition'],
  prescriptions: ['plugin::pipeline.transition', 'plugin::pipeline.prescriptions.transition'],
};


/**
 * Stages a bulk move may offer this user: not those reserved to roles the user lacks, not a unit's
 * reservation or handover (they go through the prescription), not a prescription's reservation
 * (it needs the unit chosen on the prescription's page).
 */
const offered = (workflow: string, roles: string[]) => (stage: Workflow['stages'][number]) =>
  (stage.enterRoles.length === 0 || roles.includes(SUPER_ADMIN) || stage.enterRoles.some((r) => roles.includes(r))) &&
  !(workflow === 'machines' && (PRESCRIPTION_DRIVEN_STAGES as readonly string[]).includes(stage.key)) &&
  !(workflow === 'prescriptions' && stage.key === PRESCRIPTION_STAGE.machineReserved);

const WORKFLOW_OF: Record<string, 'machines' | 'prescriptions'> = {
  'api::machine.machine': 'machines',
  'api::prescription.prescription': 'prescriptions',
};

interface Row {
  documentId: string;
  labelCode?: string;
  number?: string;
}

interface BulkResult {
  moved: number;
  refused: number;
  results: Array<{ documentId: string; ok: boolean; message?: string }>;
}

const BulkMoveForm = ({ model, workflow, documents, onClose }: { model: string; workflow: string; documents: Row[]; onClose: () => void }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { post } = useFetchClient();
  const { data: workflows, error: loadError } = useGet<Workflow[]>('/pipeline/workflows');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roles = useAuth('BulkMoveForm', (state) => state.user?.roles ?? []).map((r) => r.code);
  const announce = useAnnounceChange();
  const stages = (workflows?.find((w) => w.key === workflow)?.stages ?? []).filter(offered(workflow, roles));
  const close = () => {
    for (const d of documents) announce(model, d.documentId);
    onClose();
  };
  const name = (id: string) => {
    const row = documents.find((d) => d.documentId === id);
    return row?.labelCode ?? row?.number ?? id;
  };

  const apply = async () => {
    setBusy(true);
    try {
      const res = await post<{ data: BulkResult }>('/pipeline/bulk-transitions', { workflow, documentIds: documents.map((d) => d.documentId), to });
      setResult(res.data.data);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box padding={6}>
      {!workflows ? (
        loadError ? <Typography textColor="danger600">{loadError}</Typography> : <Loader small>{t('bulk.loading', 'Chargement des étapes…')}</Loader>
      ) : !result ? (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <SingleSelect aria-label={t('bulk.to', 'Étape de destination')} placeholder={t('bulk.to', 'Étape de destination')} value={to} onChange={(v: string | number) => setTo(String(v))}>
            {stages.map((s) => (
              <SingleSelectOption key={s.key} value={s.key}>{s.label}</SingleSelectOption>
            ))}
          </SingleSelect>
          {error && <Typography textColor="danger600">{error}</Typography>}
          <Flex gap={2} justifyContent="flex-end">
            <Button variant="tertiary" onClick={onClose}>{t('bulk.cancel', 'Annuler')}</Button>
            <Button disabled={!to} loading={busy} onClick={apply}>{t('bulk.apply', 'Appliquer à {count} fiche(s)', { count: documents.length })}</Button>
          </Flex>
        </Flex>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="bulk-results">
          <Typography fontWeight="bold">{t('bulk.summary', '{moved} déplacée(s), {refused} refusée(s)', { moved: result.moved, refused: result.refused })}</Typography>
          {result.results.map((r) => (
            <Typography key={r.documentId} textColor={r.ok ? 'success600' : 'danger600'}>
              {name(r.documentId)} : {r.ok ? t('bulk.ok', 'déplacée') : r.message}
            </Typography>
          ))}
          <Flex justifyContent="flex-end">
            <Button onClick={close}>{t('bulk.close', 'Fermer')}</Button>
          </Flex>
        </Flex>
      )}
    </Box>
  );
};

/** "Faire avancer…" in the machines and prescriptions lists: one move, a result per record. */
export const BulkMoveAction = ({ model, documents }: { model: string; documents: Row[] }) => {
  const { formatMessage } = useIntl();
  const workflow = WORKFLOW_OF[model];
  // The user's permissions as the admin holds them (read at once: a bulk action that appears late
  // is missed by whoever ticks the rows and looks for it).
  const permissions = useAuth('BulkMoveAction', (state) => state.permissions);
  if (!workflow) return null;
  if (!MOVE[workflow].every((action) => permissions.some((p) => p.action === action))) return null;
  return {
    label: formatMessage({ id: getTranslation('bulk.label'), defaultMessage: 'Faire avancer…' }),
    dialog: {
      type: 'modal' as const,
      title: formatMessage({ id: getTranslation('bulk.title'), defaultMessage: 'Faire avancer {count} fiche(s)' }, { count: documents.length }),
      content: ({ onClose }: { onClose: () => void }) => <BulkMoveForm model={model} workflow={workflow} documents={documents} onClose={onClose} />,
    },
  };
};
