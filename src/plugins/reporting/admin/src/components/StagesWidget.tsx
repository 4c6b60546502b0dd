import { Box, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useGet } from '../../../../../shared/admin/useApi';
import type { Dashboard } from '../../../shared/contracts';
import { useT } from '../utils/useT';
import { HorizontalBars } from './Charts';

/** Homepage widget: units per stage today and the stock alerts, from the dashboard route. */
export const StagesWidget = () => {
  const t = useT();
  const { data, error } = useGet<Dashboard>('/reporting/dashboard');
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Page.Loading />;
  return (
    <Box data-testid="reporting-widget">
      <HorizontalBars rowHeight={18} axisLabel={t('dash.units', 'Nombre d’unités')} bars={data.stages.map((s) => ({ label: s.label, value: s.count, color: s.color, link: s.link }))} />
      {data.stock.length > 0 && (
        <Typography textColor="danger600" variant="pi">
          {t('widget.stock', 'Stock bas : {parts}', { parts: data.stock.map((s) => `${s.description} (${s.quantity})`).join(', ') })}
        </Typography>
      )}
    </Box>
  );
};
