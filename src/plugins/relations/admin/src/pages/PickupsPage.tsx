import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Pickup } from '../../../shared/contracts';
import { PlanDialog } from '../components/PlanDialog';
import { errorMessage, frDate, useGet, useT } from '../components/useApi';
import { adminLocale } from '../../../../../shared/admin/locale';
import { enumLabel } from '../../../../../shared/admin/locale';

const PICKUPS_MANAGE = [{ action: 'plugin::relations.pickups.manage', subject: null }];
const WEEKDAYS = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];
const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const localTime = (iso: string) => new Date(iso).toLocaleTimeString(adminLocale(), { hour: '2-digit', minute: '2-digit' });

/** The days shown for a month, Monday first, padded with empty cells. */
function monthCells(year: number, month: number): Array<string | null> {
  const first = new Date(year, month, 1);
  const offset = (first.getDay() + 6) % 7;
  const days = new Date(year, month + 1, 0).getDate();
  const cells: Array<string | null> = Array.from({ length: offset }, () => null);
  for (let d = 1; d <= days; d += 1) cells.push(`${year}-${pad(month + 1)}-${pad(d)}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return cells;
}

export const PickupsPage = () => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // `?mois=2012-10` opens the calendar on that month (a link to share); else the current month.
  const [params] = useSearchParams();
  const asked = /^(\d{4})-(\d{2})$/.exec(params.get('mois') ?? '');
  const now = new Date();
  const [month, setMonth] = useState(asked ? { year: Number(asked[1]), month: Number(asked[2]) - 1 } : { year: now.getFullYear(), month: now.getMonth() });
  const first = `${month.year}-${pad(month.month + 1)}-01`;
  const last = `${month.year}-${pad(month.month + 1)}-${pad(new Date(month.year, month.month + 1, 0).getDate())}`;
  const upcoming = useGet<Pickup[]>('/relations/pickups?state=planned');
  const calendar = useGet<Pickup[]>(`/relations/pickups?from=${first}&to=${last}`);
  const {
    allowedActions: { canManage },
  } = useRBAC(PICKUPS_MANAGE);
  const reload = () => {
    upcoming.reload();
    calendar.reload();
  };
  const act = async (url: string, body: Record<string, unknown>, success: string) => {
    try {
      await post(url, body);
      toggleNotification({ type: 'success', message: success });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  const shift = (delta: number) => {
    const d = new Date(month.year, month.month + delta, 1);
    setMonth({ year: d.getFullYear(), month: d.getMonth() });
  };
  const monthLabel = new Date(month.year, month.month, 1).toLocaleDateString(adminLocale(), { month: 'long', year: 'numeric' });

  return (
    <Page.Main>
      <Page.Title>{t('pickups.title', 'Collectes')}</Page.Title>
      <Layouts.Header
        title={t('pickups.title', 'Collectes')}
        subtitle={t('pickups.subtitle', 'Récupérations de parc planifiées au titre des conventions ; une collecte faite crée son lot.')}
        navigationAction={
          <Link to="..">
            <Typography variant="pi" textColor="primary600">
              {t('pickups.back', '← Tableau des relations')}
            </Typography>
          </Link>
        }
        primaryAction={canManage ? <PlanDialog onPlanned={reload} /> : undefined}
      />
      <Layouts.Content>
        <Typography variant="delta" tag="h2">
          {t('pickups.upcoming', 'Planifiées')}
        </Typography>
        {upcoming.error && <Typography textColor="danger600">{upcoming.error}</Typography>}
        <Box paddingTop={3} paddingBottom={6}>
          {upcoming.data && upcoming.data.length === 0 ? (
            <Typography textColor="neutral600">{t('pickups.none', 'Aucune collecte planifiée.')}</Typography>
          ) : (
            <Table colCount={6} rowCount={(upcoming.data?.length ?? 0) + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('pickups.when', 'Date')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('pickups.donor', 'Donateur')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('pickups.site', 'Lieu')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('pickups.expected', 'Unités')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('pickups.team', 'Contact, équipe, véhicule')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('pickups.actions', 'Actions')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {(upcoming.data ?? []).map((p) => (
                  <Tr key={p.documentId}>
                    <Td><Typography>{`${frDate(localDay(p.plannedAt))} ${localTime(p.plannedAt)}`}</Typography></Td>
                    <Td><Typography>{`${p.donor?.name ?? '—'} (${p.convention?.number ?? '—'})`}</Typography></Td>
                    <Td style={{ whiteSpace: 'normal' }}><Typography>{p.site}</Typography></Td>
                    <Td><Typography>{p.expectedCount ?? ''}</Typography></Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography variant="pi">{[[p.contactName, p.contactPhone].filter(Boolean).join(' — '), p.volunteers, p.vehicle].filter(Boolean).join(' · ')}</Typography>
                    </Td>
                    <Td>
                      {canManage && (
                        <Flex gap={2}>
                          <Button size="S" onClick={() => act(`/relations/pickups/${p.documentId}/complete`, {}, t('pickups.completed', 'Collecte faite : lot créé.'))}>
                            {t('pickups.complete', 'Collecte faite')}
                          </Button>
                          <Button size="S" variant="danger-light" onClick={() => act(`/relations/pickups/${p.documentId}/cancel`, {}, t('pickups.cancelled', 'Collecte annulée.'))}>
                            {t('pickups.cancel', 'Annuler')}
                          </Button>
                        </Flex>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Box>

        <Flex justifyContent="space-between" paddingBottom={3}>
          <Typography variant="delta" tag="h2">
            {t('pickups.calendar', 'Calendrier — {month}', { month: monthLabel })}
          </Typography>
          <Flex gap={2}>
            <Button variant="tertiary" onClick={() => shift(-1)}>{t('pickups.prev', '← Mois précédent')}</Button>
            <Button variant="tertiary" onClick={() => shift(1)}>{t('pickups.next', 'Mois suivant →')}</Button>
          </Flex>
        </Flex>
        <Box data-testid="pickups-calendar" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: '4px' }}>
          {WEEKDAYS.map((d) => (
            <Typography key={d} variant="sigma" textColor="neutral600">
              {d}
            </Typography>
          ))}
          {monthCells(month.year, month.month).map((day, i) => (
            <Box key={day ?? `empty-${i}`} background={day ? 'neutral0' : 'neutral100'} hasRadius padding={2} minHeight="80px" width="100%">
                {day && <Typography variant="pi" textColor="neutral600">{Number(day.slice(8))}</Typography>}
                {day &&
                  (calendar.data ?? [])
                    .filter((p) => localDay(p.plannedAt) === day)
                    .map((p) => (
                      <Box key={p.documentId} paddingTop={1}>
                        <Badge active={p.state === 'planned'}>{`${localTime(p.plannedAt)} ${p.donor?.name ?? ''} · ${enumLabel(p.state)}`}</Badge>
                      </Box>
                    ))}
            </Box>
          ))}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
