import { Box, Button, Checkbox, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { StationMachine, StationOperatorState } from '../../../shared/contracts';
import { isBadgeCode, shortName } from '../../../../../shared/badges';
import { OperatorBanner } from '../components/OperatorBanner';
import { PresencePanel } from '../components/PresencePanel';
import { StageBadge } from '../components/StageBadge';
import { StorageSection } from '../components/StorageSection';
import { errorMessage } from '../../../../../shared/admin/useApi';
import { getTranslation } from '../utils/getTranslation';
import { ScanBurst } from '../utils/scan';

const isTextField = (el: Element | null): el is HTMLInputElement | HTMLTextAreaElement => {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type);
};

/** Where a typed key belongs to the widget (a select's type-ahead, a dialog): never redirected. */
const ownsKeys = (el: Element | null) => !!el?.closest('[role="listbox"],[role="option"],[role="combobox"],[role="menu"],[role="dialog"],[contenteditable="true"]');

/** Gives a (React-controlled) field back its text without the scanned characters. */
const removeScanned = (field: HTMLInputElement | HTMLTextAreaElement, scanned: string) => {
  if (!field.value.toUpperCase().endsWith(scanned)) return;
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, field.value.slice(0, -scanned.length));
  field.dispatchEvent(new Event('input', { bubbles: true }));
};

/**
 * The bench station: scan (a USB scanner types the code and presses Enter), tick, erase, move
 * on, next unit. Every step is reachable with Tab, Space and Enter; focus moves to what comes next.
 *
 * Scan-safe: a scan opens the scanned unit wherever focus is. A character typed while focus is on
 * a button, a checkbox or nowhere goes to the code field (so a scan's Enter never presses a move
 * button); a fast label-shaped burst ended by Enter inside another field opens the unit and gives
 * the field its text back. A move therefore needs a deliberate Enter or Space on its button.
 *
 * Who is at the bench (docs/volunteers.md, « Qui est au poste »): a volunteer's badge scanned the
 * same way, anywhere on the page (a dialog included), makes them the account's operator; the
 * banner offers name + PIN instead, and the hand-over. A badge (`BV-XXXX-XXXX`) and a label
 * (`SV-000123`) never take each other's shape.
 */
export const StationPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const [operator, setOperator] = useState<StationOperatorState | null>(null);
  const [pinDialog, setPinDialog] = useState(false);
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

  const open = async (labelCode: string) => {
    if (!labelCode.trim()) return;
    setBusy(true);
    try {
      await load(labelCode);
      setError(null);
    } catch (e) {
      setMachine(null);
      setError(errorMessage(e));
      codeRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const openRef = useRef(open);
  openRef.current = open;
  const machineRef = useRef(machine);
  machineRef.current = machine;

  const loadOperator = async () => {
    const res = await get<{ data: StationOperatorState }>('/pipeline/station/operator');
    setOperator(res.data.data);
  };

  /** After an identification or a hand-over: the banner, and the unit shown (what it offers depends on who is at the bench). */
  const operatorChanged = async () => {
    await loadOperator();
    if (machineRef.current) await load(machineRef.current.labelCode).catch(() => undefined);
  };

  const identifyBadge = async (badge: string) => {
    try {
      const res = await post<{ data: { operator: { name: string } } }>('/pipeline/station/operator', { badge });
      setPinDialog(false);
      toggleNotification({ type: 'success', message: t('operator.identified', 'Au poste : {name}', { name: shortName(res.data.data.operator.name) }) });
      await operatorChanged();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
    if (!machineRef.current) codeRef.current?.focus();
  };
  const identifyRef = useRef(identifyBadge);
  identifyRef.current = identifyBadge;

  useEffect(() => {
    void loadOperator().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once when the station opens; identifications reload it
  }, []);

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    // A badge typed by hand in the code field identifies too.
    if (isBadgeCode(code)) {
      setCode('');
      await identifyBadge(code.trim().toUpperCase());
      return;
    }
    await open(code);
  };

  useEffect(() => {
    const burst = new ScanBurst();
    const onKeyDown = (event: KeyboardEvent) => {
      const input = codeRef.current;
      if (!input || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (event.key.length === 1) {
        burst.key(event.key, event.timeStamp);
        // Space keeps ticking checkboxes and pressing buttons; any other character is a code.
        if (target !== input && event.key !== ' ' && !isTextField(target) && !ownsKeys(target)) {
          input.focus();
          input.select();
        }
        return;
      }
      if (event.key !== 'Enter') return;
      const scanned = burst.read(event.timeStamp);
      if (!scanned) return;
      if (scanned.kind === 'badge') {
        // Never a unit, never the button under focus: the volunteer at the bench.
        event.preventDefault();
        event.stopPropagation();
        if (target === input) setCode('');
        else if (isTextField(target)) removeScanned(target, scanned.code);
        void identifyRef.current(scanned.code);
        return;
      }
      if (target === input) return;
      event.preventDefault();
      event.stopPropagation();
      if (isTextField(target)) removeScanned(target, scanned.code);
      setCode(scanned.code);
      void openRef.current(scanned.code);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  /** After an erasure or attestation: the next device still to erase, else the first move. */
  const focusNext = () =>
    setTimeout(() => {
      const next = document.querySelector<HTMLElement>('[data-testid="storage-section"] [data-erase-ok]:not([disabled])');
      (next ?? firstMoveRef.current ?? codeRef.current)?.focus();
    }, 0);

  useEffect(() => {
    if (!machine) return;
    // Radix checkboxes render <button role="checkbox">: focus the first one, else the first move.
    const firstCheck = checksRef.current?.querySelector<HTMLElement>('[role="checkbox"]');
    (firstCheck ?? firstMoveRef.current)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus moves when another machine or stage is shown, not when the same one is reloaded
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
        <OperatorBanner state={operator} dialogOpen={pinDialog} onDialog={setPinDialog} onChange={operatorChanged} />
        <PresencePanel operator={operator?.operator ?? null} />
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
                <StageBadge color={machine.stage.color} label={machine.stage.label} data-testid="station-stage" />
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
                erasureOffer={machine.erasureOffer}
                onChange={() => load(machine.labelCode)}
                onResolved={focusNext}
              />
            </Box>

            <Box paddingTop={6}>
              <Typography variant="delta" tag="h3">{t('station.moveOn', 'Passer à l’étape suivante')}</Typography>
              <Flex gap={2} paddingTop={3} wrap="wrap">
                {machine.moves
                  .filter((offer) => offer.allowed)
                  .map(({ stage }, index) => (
                    <Button key={stage.key} ref={index === 0 ? firstMoveRef : undefined} variant={index === 0 ? 'default' : 'tertiary'} onClick={() => moveTo(stage.key, stage.label)}>
                      → {stage.label}
                    </Button>
                  ))}
                {machine.moves.length === 0 && <Typography textColor="neutral600">{t('station.final', 'Étape finale : rien à faire ici.')}</Typography>}
                {machine.moves.length > 0 && !machine.moves.some((offer) => offer.allowed) && (
                  <Typography textColor="neutral600">{machine.moves[0].reason}</Typography>
                )}
              </Flex>
            </Box>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
