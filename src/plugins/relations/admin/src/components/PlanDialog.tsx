import { Button, Field, Flex, Modal, NumberInput, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { SignedConvention } from '../../../shared/contracts';
import { errorMessage, useGet, useT } from './useApi';

/** « Planifier une collecte »: under a signed partnership convention in force. */
export const PlanDialog = ({ onPlanned }: { onPlanned: () => void }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = useState(false);
  const { data: conventions } = useGet<SignedConvention[]>(open ? '/relations/pickups/conventions' : null);
  const [form, setForm] = useState({ convention: '', plannedAt: '', site: '', contactName: '', contactPhone: '', volunteers: '', vehicle: '' });
  const [expected, setExpected] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { convention: form.convention, plannedAt: form.plannedAt ? new Date(form.plannedAt).toISOString() : '', site: form.site };
      for (const key of ['contactName', 'contactPhone', 'volunteers', 'vehicle'] as const) if (form[key].trim()) body[key] = form[key].trim();
      if (expected != null) body.expectedCount = expected;
      await post('/relations/pickups', body);
      toggleNotification({ type: 'success', message: t('plan.done', 'Collecte planifiée.') });
      setOpen(false);
      onPlanned();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button>{t('plan.open', 'Planifier une collecte')}</Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header closeLabel={t('common.close', 'Fermer')}>
          <Modal.Title>{t('plan.title', 'Planifier une collecte')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {error && (
              <Typography role="alert" textColor="danger600">
                {error}
              </Typography>
            )}
            <Field.Root name="convention" required hint={t('plan.conventionHint', 'Seules les conventions de partenariat signées et en cours sont proposées.')}>
              <Field.Label>{t('plan.convention', 'Convention')}</Field.Label>
              <SingleSelect
                value={form.convention}
                placeholder={t('plan.choose', 'Choisir…')}
                onChange={(v: string | number) => {
                  const c = conventions?.find((x) => x.documentId === String(v));
                  setForm({ ...form, convention: String(v), site: form.site || c?.site || '' });
                }}
              >
                {(conventions ?? []).map((c) => (
                  <SingleSelectOption key={c.documentId} value={c.documentId}>
                    {`${c.number} — ${c.donor}`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
            <Flex gap={4}>
              <Field.Root name="plannedAt" required>
                <Field.Label>{t('plan.when', 'Date et heure')}</Field.Label>
                <TextInput type="datetime-local" name="plannedAt" value={form.plannedAt} onChange={set('plannedAt')} />
              </Field.Root>
              <Field.Root name="expectedCount">
                <Field.Label>{t('plan.expected', 'Unités attendues')}</Field.Label>
                <NumberInput name="expectedCount" value={expected} onValueChange={(v: number | undefined) => setExpected(v)} />
              </Field.Root>
            </Flex>
            <Field.Root name="site" required>
              <Field.Label>{t('plan.site', 'Lieu')}</Field.Label>
              <TextInput name="site" value={form.site} onChange={set('site')} />
            </Field.Root>
            <Flex gap={4}>
              <Field.Root name="contactName">
                <Field.Label>{t('plan.contactName', 'Contact sur place')}</Field.Label>
                <TextInput name="contactName" value={form.contactName} onChange={set('contactName')} />
              </Field.Root>
              <Field.Root name="contactPhone">
                <Field.Label>{t('plan.contactPhone', 'Téléphone')}</Field.Label>
                <TextInput name="contactPhone" value={form.contactPhone} onChange={set('contactPhone')} />
              </Field.Root>
            </Flex>
            <Flex gap={4}>
              <Field.Root name="volunteers">
                <Field.Label>{t('plan.volunteers', 'Bénévoles')}</Field.Label>
                <TextInput name="volunteers" value={form.volunteers} onChange={set('volunteers')} />
              </Field.Root>
              <Field.Root name="vehicle">
                <Field.Label>{t('plan.vehicle', 'Véhicule')}</Field.Label>
                <TextInput name="vehicle" value={form.vehicle} onChange={set('vehicle')} />
              </Field.Root>
            </Flex>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel', 'Annuler')}</Button>
          </Modal.Close>
          <Button onClick={submit} loading={busy} disabled={!form.convention || !form.plannedAt || !form.site.trim()}>
            {t('plan.submit', 'Planifier')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
