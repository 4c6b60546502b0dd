import { Badge, Box, Button, EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { Link, useNavigate } from 'react-router-dom';
import type { Campaign } from '../../../shared/contracts';
import { useGet } from '../../../../../shared/admin/useApi';
import { CHANNELS, formatDate, STATUS } from '../components/labels';
import { useT } from '../utils/useT';

export const ListPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { data, error, loading } = useGet<Campaign[]>('/outreach/campaigns');
  const {
    allowedActions: { canSend },
  } = useRBAC({ send: [{ action: 'plugin::outreach.send', subject: null }] });

  const newButton = canSend ? (
    <Button tag={Link} to="new" startIcon={<Plus />}>
      {t('list.new', 'Nouvelle campagne')}
    </Button>
  ) : undefined;

  return (
    <Page.Main>
      <Page.Title>{t('list.title', 'Campagnes')}</Page.Title>
      <Layouts.Header
        title={t('list.title', 'Campagnes')}
        subtitle={t('list.subtitle', "Courriers et e-mails d'information aux collèges, CCAS, donateurs… et leurs réponses.")}
        primaryAction={newButton}
      />
      <Layouts.Content>
        {error && <Typography textColor="danger600">{error}</Typography>}
        {loading && !data && <Page.Loading />}
        {data && data.length === 0 && <EmptyStateLayout content={t('list.empty', 'Aucune campagne pour le moment.')} action={newButton} />}
        {data && data.length > 0 && (
          <Table colCount={8} rowCount={data.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('list.name', 'Campagne')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.status', 'État')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.channel', 'Canal')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.sentAt', 'Envoyée le')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.sent', 'Envoyés')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.answered', 'Réponses')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.noAnswer', 'Sans réponse')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.due', 'À relancer')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {data.map((c) => {
                const answered = c.counts.outcomes.answered + c.counts.outcomes.meeting_set + c.counts.outcomes.declined;
                return (
                  <Tr key={c.documentId} onClick={() => navigate(c.documentId)} style={{ cursor: 'pointer' }}>
                    <Td><Typography fontWeight="semiBold">{c.name}</Typography></Td>
                    <Td><Badge variant={STATUS[c.status].variant}>{t(`status.${c.status}`, STATUS[c.status].label)}</Badge></Td>
                    <Td><Typography>{t(`channel.${c.channel}`, CHANNELS[c.channel])}</Typography></Td>
                    <Td><Typography>{formatDate(c.sentAt)}</Typography></Td>
                    <Td><Typography>{c.counts.sent + c.counts.letter}</Typography></Td>
                    <Td><Typography>{answered}</Typography></Td>
                    <Td><Typography>{c.status === 'draft' ? '—' : c.counts.outcomes.no_answer}</Typography></Td>
                    <Td>
                      {c.counts.due > 0 ? <Badge variant="danger">{c.counts.due}</Badge> : <Typography textColor="neutral500">0</Typography>}
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
        <Box paddingTop={4} />
      </Layouts.Content>
    </Page.Main>
  );
};
