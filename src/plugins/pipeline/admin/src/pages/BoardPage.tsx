import { Badge, Box, Button, Flex, Grid, SingleSelect, SingleSelectOption, Tabs, Typography } from '@strapi/design-system';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { MACHINE_TYPES } from '../../../../../shared/vocabulary';
import { Link } from 'react-router-dom';
import type { Board } from '../../../shared/contracts';
import { useGet } from '../../../../../shared/admin/useApi';
import { getTranslation } from '../utils/getTranslation';

const daysSince = (iso: string) => Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 86_400_000));

export const BoardPage = () => {
  const { formatMessage } = useIntl();
  const [workflow, setWorkflow] = useState<'machines' | 'prescriptions'>('machines');
  // useRBAC names each result after the action's last segment: `settings.update` → `canUpdate`.
  const {
    allowedActions: { canUpdate: canConfigure },
  } = useRBAC([{ action: 'plugin::pipeline.settings.update', subject: null }]);
  // Prescriptions name a household: their tab shows only to roles that may follow them (not volunteers).
  const {
    allowedActions: { canRead: canFollowPrescriptions },
  } = useRBAC([{ action: 'plugin::pipeline.prescriptions.read', subject: null }]);
  const [type, setType] = useState<string>('');
  const query = workflow === 'machines' && type ? `?type=${type}` : '';
  const { data: board, error, loading } = useGet<Board>(`/pipeline/board/${workflow}${query}`);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);

  return (
    <Page.Main>
      <Page.Title>{t('board.title', 'Tableau de la chaîne')}</Page.Title>
      <Layouts.Header
        title={t('board.title', 'Tableau de la chaîne')}
        subtitle={board ? t('board.total', '{total} fiches', { total: board.total }) : undefined}
        primaryAction={
          <Flex gap={2}>
            {canConfigure && (
              <Button tag={Link} to="settings" variant="tertiary">
                {t('board.settings', 'Configurer')}
              </Button>
            )}
            <Button tag={Link} to="station">
              {t('board.toStation', 'Poste de travail')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Tabs.Root value={workflow} onValueChange={(v: string) => setWorkflow(v as 'machines' | 'prescriptions')}>
          <Tabs.List aria-label={t('board.workflows', 'Workflows')}>
            <Tabs.Trigger value="machines">{t('board.machines', 'Machines')}</Tabs.Trigger>
            {canFollowPrescriptions && <Tabs.Trigger value="prescriptions">{t('board.prescriptions', 'Prescriptions')}</Tabs.Trigger>}
          </Tabs.List>
        </Tabs.Root>
        {workflow === 'machines' && (
          <Box paddingTop={4} width="240px">
            <SingleSelect
              aria-label={t('board.filterType', 'Type de machine')}
              placeholder={t('board.allTypes', 'Tous les types')}
              value={type}
              onChange={(v: string | number) => setType(String(v))}
              onClear={() => setType('')}
            >
              {MACHINE_TYPES.map((value) => (
                <SingleSelectOption key={value} value={value}>
                  {formatMessage({ id: value, defaultMessage: value })}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
        )}
        {error && (
          <Box paddingTop={4}>
            <Typography textColor="danger600">{error}</Typography>
          </Box>
        )}
        {loading && !board ? <Page.Loading /> : null}
        {board && (
          <>
            <Box paddingTop={6}>
              {/* Every stage in view at 1440 px and below: the columns wrap instead of scrolling off-screen. */}
              <Box data-testid="board-columns" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(118px, 1fr))', gap: 12 }}>
                {board.columns.map((column) => (
                  <Box
                    key={column.key}
                    data-stage={column.key}
                    background="neutral0"
                    hasRadius
                    shadow="tableShadow"
                    padding={3}
                    style={{ borderTop: `6px solid ${column.color}` }}
                  >
                    <Typography variant="sigma" textColor="neutral600" tag="h2">
                      {column.label}
                    </Typography>
                    <Box paddingTop={2}>
                      <Typography variant="alpha" tag="p" data-testid={`count-${column.key}`}>
                        {column.count}
                      </Typography>
                    </Box>
                    {board.bottleneck === column.key && (
                      <Box paddingTop={2}>
                        <Badge active>{t('board.bottleneck', 'Goulot')}</Badge>
                      </Box>
                    )}
                  </Box>
                ))}
              </Box>
            </Box>
            {board.erasureGaps && (
              <Box paddingTop={8} data-testid="board-erasure-gaps">
                <Typography variant="delta" tag="h2">
                  {t('board.erasureGaps', 'Preuve d’effacement des unités prêtes, réservées ou remises')}
                </Typography>
                <Typography tag="p" textColor={board.erasureGaps.count > 0 ? 'danger600' : 'success600'}>
                  {board.erasureGaps.count > 0
                    ? t('board.erasureGapsSome', '{count} unité(s) sur {checked} sans preuve d’effacement complète : à reprendre au poste de travail.', { count: board.erasureGaps.count, checked: board.erasureGaps.checked })
                    : t('board.erasureGapsNone', 'Les {checked} unités ont chacune leur preuve d’effacement.', { checked: board.erasureGaps.checked })}
                </Typography>
                {board.erasureGaps.units.map((u) => (
                  <Typography key={u.documentId} tag="p" variant="pi">
                    <strong>{u.label}</strong> ({board.columns.find((c) => c.key === u.stage)?.label ?? u.stage}) : {u.reason}
                  </Typography>
                ))}
              </Box>
            )}
            <Box paddingTop={8}>
              <Typography variant="delta" tag="h2">
                {t('board.waiting', 'Les plus anciennes en attente')}
              </Typography>
              <Box paddingTop={3}>
                <Grid.Root gap={2}>
                  {board.waitingLongest.map((w) => (
                    <Grid.Item key={w.documentId} col={4} s={6} xs={12}>
                      <Box background="neutral0" hasRadius padding={3} shadow="filterShadow" width="100%">
                        <Typography fontWeight="bold">{w.label}</Typography>{' '}
                        <Typography textColor="neutral600">
                          {board.columns.find((c) => c.key === w.stage)?.label ?? w.stage} ·{' '}
                          {t('board.days', 'depuis {days} j', { days: daysSince(w.since) })}
                        </Typography>
                      </Box>
                    </Grid.Item>
                  ))}
                </Grid.Root>
              </Box>
            </Box>
          </>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
