import { Badge, Box, Button, Checkbox, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { StationMachine } from '../../../shared/contracts';
import { StorageSection } from '../components/StorageSection';
import { errorMessage } from '../components/useApi';
import { getTranslation } from '../utils/getTranslation';

/**
 * The bench station: scan (a USB scanner types the code and presses Enter), tick, erase, move
 * on, next unit. Every step is reachable with Tab, Space and Enter; focus moves to what comes next.
 */
export const StationPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [code, setCode] = useState('');
  const [machine, setMachine] = useState<StationMachine | null>(null);
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const checksRef = useRef<HTMLDivElement>(null);
  const firstMoveRef = useRef<HTMLButtonElement>(null);

  const load = async (labelCode: string) => {
    const res = await get<{ data: StationMachine }>(`/pipeline/machines/by-label/${encodeURIComponent(labelCode.trim())}`);
    setMachine(res.data.data);
    setTicked({});
    return res.data.data;
  };

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    setBusy(true);
    try {
      await load(code);
      setError(null);
    } catch (e) {
      setMachine(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!machine) return;
    // Radix checkboxes render <button role="checkbox">: focus the first one, else the first move.
    const firstCheck = checksRef.current?.querySelector<HTMLElement>('[role="checkbox"]');
    (firstCheck ?? firstMoveRef.current)?.focus();
  }, [machine?.documentId, machine?.stage?.key]);

  const saveChecklist = async () => {
    if (!machine?.stage) return;
    try {
      const res = await post<{ data: { passed: boolean } }>(`/pipeline/records/machines/${machine.documentId}/checklists`, { stage: machine.stage.key, items: ticked });
      toggleNotification({
        type: res.data.data.passed ? 'success' : 'warning',
        message: res.data.data.passed ? t('station.checklistPassed', 'Contrôles enregistrés : tout est bon.') : t('station.checklistFailed', 'Contrôles enregistrés : des points obligatoires ne sont pas cochés.'),
      });
      firstMoveRef.current?.focus();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };

  const moveTo = async (to: string, label: string) => {
    if (!machine?.stage) return;
    try {
      await post(`/pipeline/records/machines/${machine.documentId}/transitions`, { to, from: machine.stage.key });
      toggleNotification({ type: 'success', message: t('station.moved', '{code} est passée à « {stage} ».', { code: machine.labelCode, stage: label }) });
      setMachine(null);
      setCode('');
      codeRef.current?.focus();
    } catch (e) {
      setError(errorMessage(e));
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('station.title', 'Poste de travail')}</Page.Title>
      <Layouts.Header title={t('station.title', 'Poste de travail')} subtitle={t('station.subtitle', 'Scannez ou tapez le code d’une machine, puis Entrée.')} />
      <Layouts.Content>
        <form onSubmit={lookUp}>
          <Flex gap={2} alignItems="flex-end">
            <Box width="320px">
              <Field.Root name="labelCode" error={error ?? undefined}>
                <Field.Label>{t('station.code', 'Code étiquette')}</Field.Label>
                <TextInput
                  ref={codeRef}
                  autoFocus
                  autoComplete="off"
                  placeholder="SV-000123"
                  value={code}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setCode(e.target.value)}
                />
                <Field.Error />
              </Field.Root>
            </Box>
            <Button type="submit" loading={busy}>
              {t('station.find', 'Afficher')}
            </Button>
          </Flex>
        </form>

        {machine && (
          <Box paddingTop={6} data-testid="station-machine">
            <Flex gap={3} alignItems="center">
              <Typography variant="alpha" tag="h2">{machine.labelCode}</Typography>
              {machine.stage && (
                <Badge style={{ background: machine.stage.color, color: 'white' }} data-testid="station-stage">
                  {machine.stage.label}
                </Badge>
              )}
            </Flex>
            <Typography textColor="neutral600">
              {formatMessage({ id: machine.type, defaultMessage: machine.type })} · {[machine.brand, machine.model].filter(Boolean).join(' ')} ·{' '}
              {machine.cpu ?? '—'} · {machine.ramGb ?? '—'} Go · {machine.donor ?? '—'}
            </Typography>

            {machine.stage && machine.stage.checklist.length > 0 && (
              <Box paddingTop={6}>
                <Typography variant="delta" tag="h3">{t('station.checklist', 'Contrôles de l’étape « {stage} »', { stage: machine.stage.label })}</Typography>
                <Flex ref={checksRef} direction="column" alignItems="flex-start" gap={2} paddingTop={3}>
                  {machine.stage.checklist.map((item) => (
                    <Checkbox
                      key={item.key}
                      checked={ticked[item.key] === true}
                      onCheckedChange={(checked: boolean | 'indeterminate') => setTicked((prev) => ({ ...prev, [item.key]: checked === true }))}
                    >
                      {item.label}
                      {item.required ? ' *' : ''}
                    </Checkbox>
                  ))}
                </Flex>
                <Box paddingTop={3}>
                  <Button variant="secondary" onClick={saveChecklist}>
                    {t('station.saveChecklist', 'Enregistrer les contrôles')}
                  </Button>
                </Box>
              </Box>
            )}

            <Box paddingTop={6}>
              <StorageSection
                machineDocumentId={machine.documentId}
                status={machine.erasure}
                onChange={() => load(machine.labelCode)}
                onAttested={() => setTimeout(() => firstMoveRef.current?.focus(), 0)}
              />
            </Box>

            <Box paddingTop={6}>
              <Typography variant="delta" tag="h3">{t('station.moveOn', 'Passer à l’étape suivante')}</Typography>
              <Flex gap={2} paddingTop={3} wrap="wrap">
                {machine.nextStages.map((stage, index) => (
                  <Button key={stage.key} ref={index === 0 ? firstMoveRef : undefined} variant={index === 0 ? 'default' : 'tertiary'} onClick={() => moveTo(stage.key, stage.label)}>
                    → {stage.label}
                  </Button>
                ))}
                {machine.nextStages.length === 0 && <Typography textColor="neutral600">{t('station.final', 'Étape finale : rien à faire ici.')}</Typography>}
              </Flex>
            </Box>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
