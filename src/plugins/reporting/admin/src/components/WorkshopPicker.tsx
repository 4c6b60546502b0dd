import { Box, Field, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useGet } from '../../../../../shared/admin/useApi';
import type { CoveredWorkshops, WorkshopBreakdown } from '../../../shared/contracts';
import { NumberTable } from './Charts';
import { formatNumber, useT } from '../utils/useT';
import { adminLocale } from '../../../../../shared/admin/locale';

/** The workshop parameter of every reporting route: '' (my workshops), 'all', or a workshop's documentId. */
export const workshopQuery = (workshop: string): Record<string, string> => (workshop ? { workshop } : {});

/**
 * « Atelier : … / Tout le réseau »: shown only to whoever has a choice (more than one workshop,
 * or « Réseau » / super-admin, who see the whole network by default).
 */
export const WorkshopPicker = ({ value, onChange }: { value: string; onChange: (v: string) => void }) => {
  const t = useT();
  const { data } = useGet<{ network: boolean; workshops: CoveredWorkshops['workshops'] }>('/reporting/workshops');
  if (!data || (!data.network && data.workshops.length < 2)) return null;
  return (
    <Field.Root name="workshop" style={{ maxWidth: 360 }}>
      <Field.Label>{t('workshop.label', 'Atelier')}</Field.Label>
      <SingleSelect value={value || 'all'} onChange={(v: string | number) => onChange(String(v) === 'all' ? '' : String(v))} data-testid="workshop-picker">
        <SingleSelectOption value="all">{data.network ? t('workshop.network', 'Tout le réseau') : t('workshop.mine', 'Tous mes ateliers')}</SingleSelectOption>
        {data.workshops.map((w) => (
          <SingleSelectOption key={w.documentId} value={w.documentId}>
            {w.code ? `${w.name} (${w.code})` : w.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};

/** The « Par atelier » table of a network view. */
export const ByWorkshopTable = ({ breakdown }: { breakdown: WorkshopBreakdown | null | undefined }) => {
  const t = useT();
  if (!breakdown) return null;
  const euros = (n: number) => n.toLocaleString(adminLocale(), { style: 'currency', currency: 'EUR' });
  return (
    <Box paddingTop={5} data-testid="by-workshop">
      <Typography variant="delta" tag="h3">
        {t('workshop.breakdown', 'Par atelier')}
      </Typography>
      <NumberTable
        headers={[
          t('workshop.label', 'Atelier'),
          t('workshop.received', 'Unités reçues'),
          t('workshop.refurbished', 'Reconditionnées'),
          t('workshop.handedOver', 'Remises'),
          t('workshop.erasures', 'Effacements certifiés'),
          t('workshop.households', 'Foyers équipés'),
          t('workshop.hours', 'Heures de bénévolat'),
          t('workshop.value', 'Valorisation'),
        ]}
        rows={[...breakdown.rows, breakdown.total].map((r) => [
          r.documentId ? r.name : t('bilan.total', 'Total'),
          formatNumber(r.received),
          formatNumber(r.refurbished),
          formatNumber(r.handedOver),
          formatNumber(r.erasuresCertified),
          formatNumber(r.households),
          formatNumber(r.hours),
          euros(r.value),
        ])}
      />
    </Box>
  );
};
