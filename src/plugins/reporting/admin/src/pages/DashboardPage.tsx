import { Badge, Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { useGet } from '../../../../../shared/admin/useApi';
import type { Dashboard } from '../../../shared/contracts';
import { ChartCard, DataTable, GroupedColumns, HorizontalBars } from '../components/Charts';
import { formatDate, formatMonth, formatNumber, useT } from '../utils/useT';
import { adminLocale } from '../../../../../shared/admin/locale';
import { WAITING_STAGES } from '../../../../../shared/vocabulary';
import { ByWorkshopTable, workshopQuery } from '../components/WorkshopPicker';

const LINK_STYLE = { color: '#4945ff' };
/** Machine stages where a unit waits by design: shown in the table, kept out of the dwell chart. */
const WAITING: readonly string[] = WAITING_STAGES.machines;
const THROUGHPUT_FR =
  '{refurbished, plural, =0 {Aucune unité reconditionnée} one {# unité reconditionnée} other {# unités reconditionnées}} et {handedOver, plural, =0 {aucune remise} one {# remise} other {# remises}} en {days} jours, soit {perWeek} par semaine.';

export const DashboardPanel = ({ workshop = '' }: { workshop?: string }) => {
  const t = useT();
  const query = new URLSearchParams(workshopQuery(workshop)).toString();
  const { data, error, loading } = useGet<Dashboard>(`/reporting/dashboard${query ? `?${query}` : ''}`);
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (loading && !data) return <Page.Loading />;
  if (!data) return null;
  const first = data.months[0];
  const last = data.months[data.months.length - 1];

  return (
    <Grid.Root gap={4} data-testid="reporting-dashboard">
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChartCard title={t('dash.stages', 'Unités par étape, aujourd’hui')} subtitle={t('dash.stagesHint', 'Cliquez une barre pour voir les unités.')} testId="chart-stages">
          <HorizontalBars
            axisLabel={t('dash.units', 'Nombre d’unités')}
            bars={data.stages.map((s) => ({ label: s.label, value: s.count, color: s.color, link: s.link }))}
          />
          <DataTable
            summary={t('dash.table', 'Voir le tableau')}
            headers={[t('dash.stage', 'Étape'), t('dash.units', 'Nombre d’unités')]}
            rows={data.stages.map((s) => [<Link to={s.link} style={LINK_STYLE}>{s.label}</Link>, formatNumber(s.count)])}
          />
        </ChartCard>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChartCard
          title={t('dash.months', 'Unités reconditionnées et remises par mois')}
          subtitle={t('dash.monthsHint', '12 mois jusqu’à la dernière activité de la chaîne ({first} – {last})', { first: formatMonth(first.month), last: formatMonth(last.month) })}
          testId="chart-months"
        >
          <GroupedColumns
            categories={data.months.map((m) => formatMonth(m.month))}
            xLabel={t('dash.month', 'Mois')}
            yLabel={t('dash.units', 'Nombre d’unités')}
            series={[
              { name: t('dash.refurbished', 'Reconditionnées (prêtes)'), color: '#22c55e', values: data.months.map((m) => m.refurbished) },
              { name: t('dash.handedOver', 'Remises à des foyers'), color: '#0c75af', values: data.months.map((m) => m.handedOver) },
            ]}
          />
          <DataTable
            summary={t('dash.table', 'Voir le tableau')}
            headers={[t('dash.month', 'Mois'), t('dash.refurbished', 'Reconditionnées (prêtes)'), t('dash.handedOver', 'Remises à des foyers')]}
            rows={data.months.map((m) => [formatMonth(m.month), formatNumber(m.refurbished), formatNumber(m.handedOver)])}
          />
        </ChartCard>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChartCard title={t('dash.donors', 'Unités reçues par donateur')} subtitle={t('dash.donorsHint', 'Tous les lots ; cliquez pour voir les unités.')} testId="chart-donors">
          <HorizontalBars
            axisLabel={t('dash.unitsReceived', 'Unités reçues')}
            bars={data.donors.map((d) => ({ label: d.name, value: d.units, color: '#7b79ff', link: d.link }))}
          />
          <DataTable
            summary={t('dash.table', 'Voir le tableau')}
            headers={[t('dash.donor', 'Donateur'), t('dash.donations', 'Lots'), t('dash.unitsReceived', 'Unités reçues')]}
            rows={data.donors.map((d) => [<Link to={d.link} style={LINK_STYLE}>{d.name}</Link>, formatNumber(d.donations), formatNumber(d.units)])}
          />
        </ChartCard>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChartCard
          title={t('dash.dwell', 'Débit de la chaîne et étape la plus lente')}
          subtitle={t('dash.throughput', THROUGHPUT_FR, {
            refurbished: data.throughput.refurbished,
            handedOver: data.throughput.handedOver,
            days: data.throughput.windowDays,
            perWeek: data.throughput.perWeek.toLocaleString(adminLocale()),
          })}
          testId="chart-dwell"
        >
          {data.slowest && (
            <Box paddingBottom={3}>
              <Badge active>{t('dash.slowest', 'Étape la plus lente : {label} ({days} j en moyenne)', { label: data.slowest.label, days: data.slowest.averageDays.toLocaleString(adminLocale()) })}</Badge>
            </Box>
          )}
          <HorizontalBars
            axisLabel={t('dash.days', 'Jours passés en moyenne dans l’étape')}
            highlight={data.slowest?.label}
            bars={data.dwell.filter((d) => !WAITING.includes(d.key)).map((d) => ({ label: d.label, value: d.averageDays, color: d.key === data.slowest?.key ? '#ee5e52' : '#8e8ea9' }))}
          />
          <Typography variant="pi" textColor="neutral600">
            {t('dash.waitingNote', 'Les étapes où une unité attend sa famille ({stages}) ne sont pas du travail de la chaîne : elles figurent dans le tableau, pas dans le graphique.', {
              stages: data.dwell.filter((d) => WAITING.includes(d.key)).map((d) => d.label).join(', ') || '—',
            })}
          </Typography>
          <DataTable
            summary={t('dash.table', 'Voir le tableau')}
            headers={[t('dash.stage', 'Étape'), t('dash.avgDays', 'Jours en moyenne'), t('dash.moves', 'Passages')]}
            rows={data.dwell.map((d) => [d.label, d.averageDays.toLocaleString(adminLocale()), formatNumber(d.moves)])}
          />
        </ChartCard>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChartCard title={t('dash.pending', 'Prescriptions en instance : {count}', { count: data.pending.length })} testId="pending">
          <HorizontalBars
            axisLabel={t('dash.age', 'Ancienneté (jours depuis la réception, au {today})', { today: formatDate(data.today) })}
            bars={data.pending.map((p) => ({ label: `${p.number ?? '—'} · ${p.stageLabel}`, value: p.ageDays, color: '#f59e0b', link: p.link }))}
          />
          <DataTable
            summary={t('dash.table', 'Voir le tableau')}
            headers={[t('dash.number', 'N°'), t('dash.stage', 'Étape'), t('dash.receivedAt', 'Reçue le'), t('dash.commune', 'Commune'), t('dash.ageDays', 'Jours')]}
            rows={data.pending.map((p) => [<Link to={p.link} style={LINK_STYLE}>{p.number ?? '—'}</Link>, p.stageLabel, formatDate(p.receivedAt), p.commune ?? '—', formatNumber(p.ageDays)])}
          />
          <Box paddingTop={2}>
            <Link to={data.pendingLink} style={LINK_STYLE}>
              {t('dash.pendingAll', 'Toutes les prescriptions en instance')}
            </Link>
          </Box>
        </ChartCard>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChartCard title={t('dash.stock', 'Alertes de stock')} subtitle={t('dash.stockHint', 'Pièces au seuil d’alerte ou en dessous.')} testId="stock">
          {data.stock.length === 0 ? (
            <Typography>{t('dash.stockOk', 'Aucune pièce sous son seuil.')}</Typography>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={2}>
              {data.stock.map((s) => (
                <Flex key={s.id} justifyContent="space-between" gap={2}>
                  <Link to={s.link} style={LINK_STYLE}>
                    {s.description}
                  </Link>
                  <Badge textColor={s.quantity < s.threshold ? 'danger600' : 'warning600'}>
                    {t('dash.stockLevel', '{quantity} en stock / seuil {threshold}', { quantity: s.quantity, threshold: s.threshold })}
                  </Badge>
                </Flex>
              ))}
            </Flex>
          )}
        </ChartCard>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChartCard
          title={t('dash.volunteers', 'Bénévolat, 12 derniers mois')}
          subtitle={t('dash.volunteersHint', 'Du {from} au {to} ; présences closes, jour d’arrivée à Brest.', { from: formatDate(data.volunteers.from), to: formatDate(data.volunteers.to) })}
          testId="volunteers"
        >
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="beta">{t('dash.volunteerHours', '{hours} h de bénévolat', { hours: formatNumber(data.volunteers.hours) })}</Typography>
            <Typography>{t('dash.activeVolunteers', '{count, plural, =0 {Aucun bénévole présent} one {# bénévole présent} other {# bénévoles présents}} au moins une fois', { count: data.volunteers.activeVolunteers })}</Typography>
            <Typography>
              {t('dash.volunteerValue', 'Valorisation : {value} (à {rate} de l’heure)', {
                value: data.volunteers.value.toLocaleString(adminLocale(), { style: 'currency', currency: 'EUR' }),
                rate: data.volunteers.hourlyRate.toLocaleString(adminLocale(), { style: 'currency', currency: 'EUR' }),
              })}
            </Typography>
            {data.volunteers.toRegularise > 0 && (
              <Link to={data.volunteers.toRegulariseLink} style={LINK_STYLE}>
                {t('dash.toRegularise', '{count, plural, one {# présence sans départ pointé} other {# présences sans départ pointé}} : à régulariser', { count: data.volunteers.toRegularise })}
              </Link>
            )}
          </Flex>
        </ChartCard>
      </Grid.Item>
      {data.byWorkshop && (
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <ByWorkshopTable breakdown={data.byWorkshop} />
          <Typography variant="pi" textColor="neutral600">
            {t('workshop.breakdownHint', 'Du {from} au {to}.', { from: formatDate(data.byWorkshop.from), to: formatDate(data.byWorkshop.to) })}
          </Typography>
        </Grid.Item>
      )}
    </Grid.Root>
  );
};
