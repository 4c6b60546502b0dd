import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import {
  DEVICE_OUTCOME_LABELS,
  ERASURE_METHOD_LABELS,
  RECORDABLE_ERASURE_METHODS,
  REMOVAL_DESTINATION_LABELS,
  REMOVAL_DESTINATIONS,
  STORAGE_EXEMPTION_RULE,
  type DeviceStatus,
  type ErasureStatus,
} from '../../../../../shared/erasure';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage } from '../../../../../shared/admin/useApi';

interface Props {
  machineDocumentId: string;
  status: ErasureStatus;
  /** Called after every recorded change, to reload the unit. */
  onChange: () => Promise<unknown> | void;
  /** After the attestation: where focus goes next (the first move, at the station). */
  /** After an erasure or an attestation is recorded (and the unit reloaded): where focus goes next. */
  onResolved?: () => void;
  /** The station offers the nwipe import and erases; the edit view's panel only removes and attests. */
  withErasure?: boolean;
  /** Whether the person at the bench may record an erasure result; if not, the buttons are not offered and the reason is shown. */
  erasureOffer?: { allowed: boolean; reason: string | null };
}

const OUTCOME_BADGE: Record<DeviceStatus['outcome'], { background: string; color: string }> = {
  erased: { background: '#eafbe7', color: '#2f6846' },
  destroyed: { background: '#eafbe7', color: '#2f6846' },
  removed: { background: '#f0f0ff', color: '#271fe0' },
  failed: { background: '#fcecea', color: '#b72b1a' },
  pending: { background: '#fdf4dc', color: '#8f4700' },
};

/**
 * A unit's storage as the one erasure status describes it: each device and what became of it,
 * and the bench's statements — erased (method, result), removed (why, where), or « aucun
 * support de stockage constaté ». Keyboard alone: every control is a button, select or field.
 */
export const StorageSection = ({ machineDocumentId, status, onChange, onResolved, withErasure: withErasureAsked = true, erasureOffer }: Props) => {
  const withErasure = withErasureAsked && erasureOffer?.allowed !== false;
  const erasureRefused = withErasureAsked && erasureOffer?.allowed === false;
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [methods, setMethods] = useState<Record<string, string>>({});
  const [removing, setRemoving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [destination, setDestination] = useState<string>('destroyed');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  /** Runs a write, tells the outcome (the write's own message when it returns one), reloads. */
  const act = async (fn: () => Promise<unknown>, success: string, type: 'success' | 'warning' = 'success') => {
    setBusy(true);
    try {
      const said = await fn();
      toggleNotification(typeof said === 'object' && said && 'message' in said ? (said as { type: 'success' | 'warning'; message: string }) : { type, message: success });
      await onChange();
      return true;
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const erase = async (device: DeviceStatus, result: 'success' | 'failure') => {
    const ok = await act(
      async () => {
        await post(`/pipeline/machines/${machineDocumentId}/erasures`, { deviceDocumentId: device.documentId, method: methods[device.documentId] ?? 'nist_clear', result });
      },
      t('station.erasureRecorded', 'Effacement enregistré pour {serial}.', { serial: device.label }),
      result === 'success' ? 'success' : 'warning'
    );
    // The pressed button is gone with the device's pending state: focus must not vanish with it.
    if (ok) onResolved?.();
  };

  const remove = async (event: FormEvent, device: DeviceStatus) => {
    event.preventDefault();
    const ok = await act(
      async () => {
        await post(`/pipeline/machines/${machineDocumentId}/devices/${device.documentId}/removal`, { reason, destination });
      },
      t('storage.removed', 'Retrait de {serial} enregistré.', { serial: device.label })
    );
    if (ok) {
      setRemoving(null);
      setReason('');
    }
  };

  const attest = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act(
      async () => {
        await post(`/pipeline/machines/${machineDocumentId}/no-storage-attestation`, note.trim() ? { note: note.trim() } : {});
      },
      t('storage.attested', 'Attestation « aucun support de stockage constaté » enregistrée.')
    );
    if (ok) onResolved?.();
  };

  const importNwipe = (file: File | undefined) => {
    if (!file) return;
    void act(async () => {
      const res = await post<{ data: { recorded: Array<{ result: string }>; alreadyRecorded: unknown[] } }>('/pipeline/erasures/nwipe', { log: await file.text(), machine: machineDocumentId });
      const { recorded, alreadyRecorded } = res.data.data;
      return {
        type: recorded.some((r) => r.result !== 'success') ? 'warning' : 'success',
        message: t('station.nwipeImported', 'Journal nwipe : {recorded} support(s) enregistré(s), dont {failed} en échec ; {already} déjà enregistré(s).', {
          recorded: recorded.length,
          failed: recorded.filter((r) => r.result !== 'success').length,
          already: alreadyRecorded.length,
        }),
      };
    }, t('station.nwipeDone', 'Journal nwipe importé.'));
  };

  return (
    <Box data-testid="storage-section">
      <Flex justifyContent="space-between" alignItems="center" wrap="wrap" gap={2}>
        <Typography variant="delta" tag="h3">{t('station.erasure', 'Effacement des supports')}</Typography>
        <Badge data-testid="storage-released" style={status.released ? OUTCOME_BADGE.erased : OUTCOME_BADGE.pending}>
          {status.released ? t('storage.released', 'Preuve d’effacement complète') : t('storage.notReleased', 'Preuve d’effacement incomplète')}
        </Badge>
        {withErasure && status.devices.some((d) => d.state === 'present') && (
          <label>
            <Typography variant="pi" fontWeight="bold">{t('station.nwipeLog', 'Importer un journal nwipe')}</Typography>{' '}
            <input
              type="file"
              accept=".log,.txt,text/plain"
              onChange={(e) => {
                importNwipe(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
        )}
      </Flex>
      {erasureRefused && status.devices.some((d) => d.state === 'present' && !d.resolved) && (
        <Typography tag="p" textColor="warning600" data-testid="erasure-not-offered">
          {t('station.erasureNotOffered', 'Effacement non proposé : {reason}', { reason: erasureOffer?.reason ?? '' })}
        </Typography>
      )}
      {!status.released && status.reason && (
        <Typography tag="p" textColor="danger600" data-testid="storage-reason">{status.reason}</Typography>
      )}

      {status.devices.map((device) => (
        <Box key={device.documentId} paddingTop={3} data-testid="storage-device">
          <Flex gap={3} alignItems="center" wrap="wrap">
            <Typography fontWeight="bold">{device.label}</Typography>
            <Typography textColor="neutral600">
              {[device.model, device.interface?.toUpperCase(), device.capacityGb != null ? `${device.capacityGb} Go` : null].filter(Boolean).join(' · ')}
            </Typography>
            <Badge style={OUTCOME_BADGE[device.outcome]}>{t(`outcome.${device.outcome}`, DEVICE_OUTCOME_LABELS[device.outcome])}</Badge>
            {device.state === 'removed' && (
              <Typography variant="pi" textColor="neutral600">
                {t('storage.removedLine', 'le {date} par {by} ({destination}) : {reason}', {
                  date: device.removedAt ? formatDate(device.removedAt, { dateStyle: 'medium' }) : '—',
                  by: device.removedBy ?? '—',
                  destination: device.removalDestination ? REMOVAL_DESTINATION_LABELS[device.removalDestination] : '—',
                  reason: device.removalReason ?? '',
                })}
              </Typography>
            )}
            {device.state === 'present' && !device.resolved && withErasure && (
              <>
                <Box width="240px">
                  <SingleSelect
                    aria-label={t('station.methodFor', 'Méthode pour {serial}', { serial: device.label })}
                    value={methods[device.documentId] ?? 'nist_clear'}
                    onChange={(v: string | number) => setMethods((prev) => ({ ...prev, [device.documentId]: String(v) }))}
                  >
                    {RECORDABLE_ERASURE_METHODS.map((m) => (
                      <SingleSelectOption key={m} value={m}>
                        {t(`method.${m}`, ERASURE_METHOD_LABELS[m])}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Box>
                <Button variant="success-light" data-erase-ok disabled={busy} onClick={() => erase(device, 'success')}>
                  {t('station.erasureOk', 'Effacement réussi')}
                </Button>
                <Button variant="danger-light" disabled={busy} onClick={() => erase(device, 'failure')}>
                  {t('station.erasureFailed', 'Échec')}
                </Button>
              </>
            )}
            {device.state === 'present' && removing !== device.documentId && (
              <Button variant="tertiary" disabled={busy} onClick={() => setRemoving(device.documentId)}>
                {t('storage.remove', 'Retirer ce support…')}
              </Button>
            )}
          </Flex>
          {removing === device.documentId && (
            <form onSubmit={(e) => void remove(e, device)}>
              <Flex gap={2} paddingTop={2} alignItems="flex-end" wrap="wrap">
                <Box width="320px">
                  <Field.Root name="reason" required>
                    <Field.Label>{t('storage.reason', 'Pourquoi le retirer ?')}</Field.Label>
                    <TextInput autoFocus value={reason} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReason(e.target.value)} placeholder={t('storage.reasonHint', 'ex. disque HS au test SMART')} />
                  </Field.Root>
                </Box>
                <Box width="220px">
                  <Field.Root name="destination" required>
                    <Field.Label>{t('storage.destination', 'Où est-il allé ?')}</Field.Label>
                    <SingleSelect value={destination} onChange={(v: string | number) => setDestination(String(v))}>
                      {REMOVAL_DESTINATIONS.map((d) => (
                        <SingleSelectOption key={d} value={d}>
                          {t(`destination.${d}`, REMOVAL_DESTINATION_LABELS[d])}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Box>
                <Button type="submit" loading={busy} disabled={reason.trim().length < 3}>
                  {t('storage.confirmRemoval', 'Enregistrer le retrait')}
                </Button>
                <Button variant="tertiary" onClick={() => setRemoving(null)}>
                  {t('storage.cancel', 'Annuler')}
                </Button>
              </Flex>
            </form>
          )}
        </Box>
      ))}

      {status.devices.length === 0 && (
        <Box paddingTop={3} data-testid="storage-none">
          {!status.requiresEvidence && <Typography textColor="neutral600">{STORAGE_EXEMPTION_RULE}</Typography>}
          {status.attestation && (
            <Typography data-testid="storage-attestation">
              {t('storage.attestationLine', 'Aucun support de stockage constaté le {date}, par {by}.', {
                date: formatDate(status.attestation.at, { dateStyle: 'medium', timeStyle: 'short' }),
                by: status.attestation.actorName,
              })}
            </Typography>
          )}
          {status.requiresEvidence && !status.attestation && (
            <form onSubmit={(e) => void attest(e)}>
              <Typography tag="p" textColor="neutral600">
                {t('storage.attestHint', 'Aucun support n’est enregistré. Après avoir ouvert l’unité : ajoutez ses supports dans sa fiche, ou attestez qu’elle n’en a aucun.')}
              </Typography>
              <Flex gap={2} paddingTop={2} alignItems="flex-end" wrap="wrap">
                <Box width="320px">
                  <Field.Root name="note">
                    <Field.Label>{t('storage.note', 'Constat (facultatif)')}</Field.Label>
                    <TextInput value={note} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNote(e.target.value)} placeholder={t('storage.noteHint', 'ex. baie de disque vide')} />
                  </Field.Root>
                </Box>
                <Button type="submit" loading={busy} data-testid="attest-no-storage">
                  {t('storage.attest', 'Aucun support de stockage constaté')}
                </Button>
              </Flex>
            </form>
          )}
        </Box>
      )}
    </Box>
  );
};
