import { Badge, Box, Button, Flex, Grid, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft, Download, Mail } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Campaign, Outcome, Progress, Recipient } from '../../../shared/contracts';
import { OUTCOMES } from '../../../shared/contracts';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import { readableMerge } from '../../../../../shared/admin/MergeFieldChips';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CHANNELS, DELIVERIES, formatDate, OUTCOME_LABELS, STATUS } from '../components/labels';
import { useT } from '../utils/useT';
import { EditPage } from './EditPage';

/** A draft opens in the form; a sent campaign shows its progress and each recipient's answer. */
export const CampaignPage = () => {
  const { documentId } = useParams<{ documentId: string }>();
  const { data: campaign, error, reload } = useGet<Campaign>(`/outreach/campaigns/${documentId}`);
  const {
    allowedActions: { canSend },
  } = useRBAC({ send: [{ action: 'plugin::outreach.send', subject: null }] });
  if (error) return <Page.Error />;
  if (!campaign) return <Page.Loading />;
  if (campaign.status === 'draft' && canSend) return <EditPage key={campaign.documentId} campaign={campaign} onSaved={reload} />;
  return <CampaignDetail campaign={campaign} canSend={canSend} reload={reload} />;
};

const Stat = ({ label, value, testId }: { label: string; value: number; testId?: string }) => (
  <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" data-testid={testId}>
    <Typography variant="pi" textColor="neutral600">{label}</Typography>
    <Typography variant="alpha" tag="p">{value}</Typography>
  </Box>
);

const CampaignDetail = ({ campaign, canSend, reload }: { campaign: Campaign; canSend: boolean; reload: () => void }) => {
  const t = useT();
  const { get, post, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data: recipients, reload: reloadRecipients } = useGet<Recipient[]>(`/outreach/campaigns/${campaign.documentId}/recipients`);
  const { data: merge } = useGet<{ fields: Record<string, string> }>('/outreach/merge-fields');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);

  // Follows the queue while e-mails or reminders are going out.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await get<{ data: Progress }>(`/outreach/campaigns/${campaign.documentId}/progress`);
        if (stopped) return;
        const p = res.data.data;
        setProgress(p);
        if (p.status === 'sending' || p.remindersQueued > 0) timer = setTimeout(() => void poll(), 1000);
        else if (campaign.status === 'sending' || p.sent !== campaign.counts.sent) {
          reload();
          reloadRecipients();
        }
      } catch {
        if (!stopped) timer = setTimeout(() => void poll(), 3000);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [campaign.documentId, campaign.status, campaign.counts.sent, get, reload, reloadRecipients]);

  const fail = (e: unknown) => toggleNotification({ type: 'danger', message: errorMessage(e) });

  const setOutcome = async (recipient: Recipient, outcome: Outcome) => {
    try {
      await put(`/outreach/recipients/${recipient.documentId}/outcome`, { outcome });
      toggleNotification({ type: 'success', message: t('detail.outcomeSaved', '{name} : {outcome}.', { name: recipient.name, outcome: t(`outcome.${outcome}`, OUTCOME_LABELS[outcome]) }) });
      reload();
      reloadRecipients();
    } catch (e) {
      fail(e);
    }
  };

  const remind = async () => {
    setBusy(true);
    try {
      const res = await post<{ data: { queued: number; byLetter: number } }>(`/outreach/campaigns/${campaign.documentId}/reminders`, {});
      const r = res.data.data;
      toggleNotification({
        type: r.queued > 0 ? 'success' : 'info',
        message: t('detail.reminded', '{queued} relances par e-mail en cours d’envoi ; {byLetter} structures sans e-mail sont à relancer par courrier.', r),
      });
      reload();
      reloadRecipients();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const downloadLetters = async () => {
    try {
      const { data } = await get(`/outreach/campaigns/${campaign.documentId}/letters`, { responseType: 'blob' });
      const url = URL.createObjectURL(data as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `courriers-${campaign.documentId}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      fail(e);
    }
  };

  const counts = campaign.counts;
  const emailTotal = progress ? progress.total - progress.letter : counts.total - counts.letter;
  const emailDone = progress ? progress.sent + progress.failed : counts.sent + counts.failed;
  const percent = emailTotal > 0 ? Math.round((emailDone / emailTotal) * 100) : 100;
  const status = progress?.status ?? campaign.status;
  const answered = counts.outcomes.answered + counts.outcomes.meeting_set + counts.outcomes.declined;
  // The subject as staff read it: its merge fields by their labels, not `{{structure.name}}`.
  const subject = readableMerge(campaign.subject, merge?.fields ?? {}, (field, label) => t(`merge.${field}`, label));

  return (
    <Page.Main>
      <Page.Title>{campaign.name}</Page.Title>
      <Layouts.Header
        title={campaign.name}
        subtitle={t('detail.subtitle', '{channel} · envoyée le {date} · « {subject} »', { channel: t(`channel.${campaign.channel}`, CHANNELS[campaign.channel]), date: formatDate(campaign.sentAt), subject })}
        navigationAction={
          <Button tag={Link} to=".." relative="path" variant="tertiary" startIcon={<ArrowLeft />}>
            {t('edit.back', 'Campagnes')}
          </Button>
        }
        primaryAction={
          <Flex gap={2}>
            {counts.letter > 0 && (
              <Button variant="secondary" startIcon={<Download />} onClick={downloadLetters}>
                {t('detail.letters', 'Courriers à imprimer (PDF)')}
              </Button>
            )}
            {canSend && (
              <ConfirmDialog
                trigger={
                  <Button startIcon={<Mail />} disabled={busy || counts.due === 0} loading={busy}>
                    {t('detail.remind', 'Relancer ({count})', { count: counts.due })}
                  </Button>
                }
                title={t('detail.remindTitle', 'Relancer les structures sans réponse')}
                confirmLabel={t('detail.remindConfirm', 'Relancer')}
                confirmIcon={<Mail />}
                onConfirm={remind}
              >
                <Typography>
                  {t('detail.remindText', '{count, plural, one {# structure n’a} other {# structures n’ont}} pas répondu depuis {days} jours. Celles qui ont une adresse reçoivent le même message, objet précédé de « Relance : ».', { count: counts.due, days: campaign.reminderDays })}
                </Typography>
              </ConfirmDialog>
            )}
          </Flex>
        }
        secondaryAction={<Badge variant={STATUS[status].variant}>{t(`status.${status}`, STATUS[status].label)}</Badge>}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {emailTotal > 0 && (
            <Flex direction="column" alignItems="stretch" gap={1} aria-live="polite">
              {/* The design system's ProgressBar is white on dark (made for media cards): a plain bar here. */}
              <Box role="progressbar" aria-label={t('detail.progress.label', 'Envoi des e-mails')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} background="neutral200" hasRadius height="0.75rem" overflow="hidden">
                <Box background={progress && progress.failed > 0 ? 'warning500' : 'success500'} height="100%" style={{ width: `${percent}%`, transition: 'width 0.4s' }} />
              </Box>
              <Typography variant="pi" textColor="neutral600" data-testid="send-progress">
                {t('detail.progress', '{done} / {total} e-mails traités ({failed} en échec)', { done: emailDone, total: emailTotal, failed: progress?.failed ?? counts.failed })}
              </Typography>
            </Flex>
          )}
          <Grid.Root gap={4}>
            <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><Stat label={t('detail.sent', 'Envoyés (e-mail ou courrier)')} value={counts.sent + counts.letter} testId="stat-sent" /></Grid.Item>
            <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><Stat label={t('list.answered', 'Réponses')} value={answered} /></Grid.Item>
            <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><Stat label={t('list.noAnswer', 'Sans réponse')} value={counts.outcomes.no_answer} /></Grid.Item>
            <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><Stat label={t('list.due', 'À relancer')} value={counts.due} /></Grid.Item>
          </Grid.Root>
          {recipients && (
            <Table colCount={5} rowCount={recipients.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('audience.name', 'Structure')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('detail.delivery', 'Envoi')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('detail.sentAt', 'Le')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('detail.reminders', 'Relances')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('detail.outcome', 'Réponse')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {recipients.map((r) => (
                  <Tr key={r.documentId}>
                    <Td>
                      <Typography fontWeight="semiBold">{r.name}</Typography>
                      {r.email && <Typography variant="pi" textColor="neutral600"> · {r.email}</Typography>}
                    </Td>
                    <Td>
                      <Typography textColor={r.delivery === 'failed' ? 'danger600' : undefined} title={r.error ?? undefined}>
                        {t(`delivery.${r.delivery}`, DELIVERIES[r.delivery])}
                      </Typography>
                      {r.error && <Typography variant="pi" textColor="danger600" tag="p">{r.error}</Typography>}
                    </Td>
                    <Td><Typography>{formatDate(r.sentAt)}</Typography></Td>
                    <Td>
                      <Typography>{r.reminderCount > 0 ? t('detail.reminded.count', '{count} (dernière le {date})', { count: r.reminderCount, date: formatDate(r.remindedAt) }) : '—'}</Typography>
                      {r.due && <Badge variant="danger">{t('detail.due', 'à relancer')}</Badge>}
                    </Td>
                    <Td>
                      <Box width="200px">
                        <SingleSelect
                          aria-label={t('detail.outcomeFor', 'Réponse de {name}', { name: r.name })}
                          value={r.outcome}
                          disabled={!canSend || r.delivery === 'pending'}
                          onChange={(v: string | number) => void setOutcome(r, v as Outcome)}
                        >
                          {OUTCOMES.map((o) => (
                            <SingleSelectOption key={o} value={o}>{t(`outcome.${o}`, OUTCOME_LABELS[o])}</SingleSelectOption>
                          ))}
                        </SingleSelect>
                      </Box>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
