import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import type { TeamBoard, TeamMember } from '../../../shared/contracts';
import { errorMessage, useGet } from '../../../../../shared/admin/useApi';
import { adminLocale } from '../../../../../shared/admin/locale';
import { getTranslation } from '../utils/getTranslation';

const VOLUNTEER_EDIT = '/content-manager/collection-types/api::volunteer.volunteer/';
const TRAINING_EDIT = '/content-manager/collection-types/api::training.training/';

/** A calendar day (YYYY-MM-DD) in the user's language, day first. */
const day = (value: string | null) => (value ? new Date(`${value.slice(0, 10)}T12:00:00Z`).toLocaleDateString(adminLocale(), { timeZone: 'UTC' }) : '');

/**
 * How a skill reads on its card: text and background chosen for WCAG AA contrast (≥ 4.5:1) in
 * light and dark themes alike, since both are set. Expired in red, ending within 30 days in orange.
 */
const TONES: Record<TeamMember['skills'][number]['tone'], { color: string; background: string; border: string }> = {
  expired: { color: '#8c1d18', background: '#fdecea', border: '#d92d20' },
  expiring: { color: '#7a3e00', background: '#fff1db', border: '#dc6803' },
  valid: { color: '#14532d', background: '#e8f5ec', border: '#2e7d4f' },
  future: { color: '#32324d', background: '#f0f0f5', border: '#8e8ea9' },
};

type Column = 'candidates' | 'active' | 'left';

/** The « Bénévoles » page: the team in three columns, with its skills, and the two moves staff make here. */
export const TeamPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const {
    allowedActions: { canManage },
  } = useRBAC([{ action: 'plugin::pipeline.team.manage', subject: null }]);
  const { data: board, error, reload } = useGet<TeamBoard>('/pipeline/team');
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (member: TeamMember, action: 'welcome' | 'departure') => {
    setBusy(member.documentId);
    try {
      await post(`/pipeline/team/${member.documentId}/${action}`, {});
      toggleNotification({
        type: 'success',
        message: action === 'welcome' ? t('team.welcomed', '{name} fait partie de l’équipe.', { name: member.name }) : t('team.departed', 'Départ de {name} enregistré.', { name: member.name }),
      });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
      reload();
    } finally {
      setBusy(null);
    }
  };

  const toneLabel = (tone: TeamMember['skills'][number]['tone'], expiresOn: string | null) => {
    if (tone === 'expired') return t('team.skillExpired', 'expirée depuis le {date}', { date: day(expiresOn) });
    if (tone === 'expiring') return t('team.skillExpiring', 'expire le {date}', { date: day(expiresOn) });
    if (tone === 'future') return t('team.skillFuture', 'pas encore valable');
    return expiresOn ? t('team.skillValid', 'valable jusqu’au {date}', { date: day(expiresOn) }) : t('team.skillNoEnd', 'sans limite');
  };

  const card = (member: TeamMember, column: Column) => (
    <Box key={member.documentId} background="neutral0" hasRadius shadow="tableShadow" padding={3} data-testid="team-member">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Link to={`${VOLUNTEER_EDIT}${member.documentId}`} style={{ fontWeight: 600 }}>
          {member.name}
        </Link>
        <Typography variant="pi" textColor="neutral700">
          {column === 'candidates' && (member.consentDate ? t('team.appliedOn', 'Candidature du {date}', { date: day(member.consentDate) }) : t('team.noConsent', 'Consentement non daté'))}
          {column === 'active' && t('team.since', 'Arrivée le {date}', { date: day(member.startDate) })}
          {column === 'left' && t('team.leftOn', 'Arrivée le {start}, départ le {end}', { start: day(member.startDate), end: day(member.endDate) })}
          {column === 'active' && member.endDate ? ` — ${t('team.leaving', 'départ prévu le {date}', { date: day(member.endDate) })}` : ''}
        </Typography>
        {member.availability && column === 'candidates' && (
          <Typography variant="pi" textColor="neutral700">
            {t('team.availability', 'Disponibilités : {text}', { text: member.availability })}
          </Typography>
        )}
        {column !== 'candidates' && (
          <Box>
            {member.skills.length === 0 ? (
              <Typography variant="pi" textColor="neutral600">
                {t('team.noSkill', 'Aucune compétence enregistrée')}
              </Typography>
            ) : (
              <Flex tag="ul" direction="column" alignItems="stretch" gap={1} aria-label={t('team.skills', 'Compétences')}>
                {member.skills.map((skill) => {
                  const tone = TONES[skill.tone];
                  return (
                    <li
                      key={skill.grantDocumentId}
                      data-tone={skill.tone}
                      style={{ listStyle: 'none', color: tone.color, background: tone.background, borderLeft: `4px solid ${tone.border}`, padding: '2px 8px', borderRadius: 4, fontSize: 13 }}
                    >
                      <strong>{skill.name}</strong> — {toneLabel(skill.tone, skill.expiresOn)}
                    </li>
                  );
                })}
              </Flex>
            )}
          </Box>
        )}
        {column !== 'candidates' && (
          <Typography variant="pi" textColor="neutral700">
            {member.lastTraining ? (
              <>
                {t('team.lastTraining', 'Dernière formation :')}{' '}
                <Link to={`${TRAINING_EDIT}${member.lastTraining.documentId}`}>{day(member.lastTraining.date)}</Link>
              </>
            ) : (
              t('team.noTraining', 'Aucune formation suivie')
            )}
          </Typography>
        )}
        {canManage && column === 'candidates' && (
          <Button size="S" onClick={() => act(member, 'welcome')} loading={busy === member.documentId} disabled={busy !== null}>
            {t('team.welcome', 'Accueillir')}
          </Button>
        )}
        {canManage && column === 'active' && (
          <Button size="S" variant="danger-light" onClick={() => act(member, 'departure')} loading={busy === member.documentId} disabled={busy !== null}>
            {t('team.depart', 'Départ')}
          </Button>
        )}
      </Flex>
    </Box>
  );

  const columns: Array<{ key: Column; title: string; empty: string }> = [
    { key: 'candidates', title: t('team.candidates', 'Candidat·e·s'), empty: t('team.noCandidate', 'Aucune candidature en attente.') },
    { key: 'active', title: t('team.active', 'Actif·ve·s'), empty: t('team.noActive', 'Personne dans l’équipe pour l’instant.') },
    { key: 'left', title: t('team.left', 'Parti·e·s'), empty: t('team.noLeft', 'Aucun départ enregistré.') },
  ];

  if (error) return <Page.Error />;
  if (!board) return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>{t('team.title', 'Bénévoles')}</Page.Title>
      <Layouts.Header
        title={t('team.title', 'Bénévoles')}
        subtitle={t('team.subtitle', 'L’équipe, ses compétences et leur validité au {date}.', { date: day(board.today) })}
        primaryAction={
          <Button tag={Link} to={`${VOLUNTEER_EDIT}create`} variant="secondary">
            {t('team.add', 'Ajouter une personne')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          {columns.map((column) => (
            <Box key={column.key} style={{ flex: '1 1 300px', minWidth: 280 }} background="neutral100" hasRadius padding={3} tag="section" aria-labelledby={`team-${column.key}`} data-column={column.key}>
              <Typography variant="delta" tag="h2" id={`team-${column.key}`}>
                {column.title} ({board[column.key].length})
              </Typography>
              <Flex direction="column" alignItems="stretch" gap={3} paddingTop={3}>
                {board[column.key].length === 0 ? (
                  <Typography variant="pi" textColor="neutral600">
                    {column.empty}
                  </Typography>
                ) : (
                  board[column.key].map((member) => card(member, column.key))
                )}
              </Flex>
            </Box>
          ))}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const TeamApp = () => (
  <Page.Protect permissions={[{ action: 'plugin::pipeline.team.read', subject: null }]}>
    <TeamPage />
  </Page.Protect>
);

export default TeamApp;
