import { Button, Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { Board, HomeSummary } from '../../../shared/contracts';
import { StageBadge } from '../components/StageBadge';
import { getTranslation } from '../utils/getTranslation';
import { useGet } from '../../../../../shared/admin/useApi';
import { PRESCRIPTION_STAGE } from '../../../../../shared/vocabulary';

const useT = () => {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
};

const Loading = () => {
  const t = useT();
  return <Typography textColor="neutral600">{t('timeline.loading', 'Chargement…')}</Typography>;
};

const WAITING = [PRESCRIPTION_STAGE.received, PRESCRIPTION_STAGE.reviewing, PRESCRIPTION_STAGE.accepted, PRESCRIPTION_STAGE.machineReserved] as string[];

/** « Prescriptions à traiter » : how many wait at each open stage, and the longest waits. */
export const PrescriptionsWidget = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const { data, error } = useGet<Board>('/pipeline/board/prescriptions');
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Loading />;
  const open = data.columns.filter((c) => WAITING.includes(c.key));
  const waiting = data.waitingLongest.filter((w) => WAITING.includes(w.stage)).slice(0, 4);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="home-prescriptions">
      {open.map((c) => (
        <Flex key={c.key} justifyContent="space-between">
          <StageBadge label={c.label} color={c.color} compact />
          <Typography fontWeight="bold">{c.count}</Typography>
        </Flex>
      ))}
      {waiting.length > 0 && (
        <Typography variant="sigma" textColor="neutral600">
          {t('home.prescriptions.longest', 'En attente depuis le plus longtemps')}
        </Typography>
      )}
      {waiting.map((w) => (
        <Link key={w.documentId} tag={NavLink} to={`/content-manager/collection-types/api::prescription.prescription/${w.documentId}`}>
          {t('home.prescriptions.since', '{label}, depuis le {date}', { label: w.label, date: formatDate(w.since, { dateStyle: 'medium' }) })}
        </Link>
      ))}
    </Flex>
  );
};

const KIND_LABELS: Record<string, string> = { transition: 'passage(s)', erasure: 'effacement(s)', checklist: 'contrôle(s)', part_fitted: 'pièce(s) posée(s)', device_removed: 'support(s) retiré(s)' };

/** « Ma journée au poste » : the station in one click, and what this person recorded today. */
export const DayWidget = () => {
  const t = useT();
  const { formatTime } = useIntl();
  const { data, error } = useGet<HomeSummary>('/pipeline/home');
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return <Loading />;
  const { myDay } = data;
  const done = Object.entries(myDay.events).filter(([kind, n]) => KIND_LABELS[kind] && n);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="home-day">
      <Button tag={NavLink} to="/plugins/pipeline/station" size="L" fullWidth>
        {t('home.day.station', 'Ouvrir le poste de travail')}
      </Button>
      <Typography>
        {myDay.units === 0
          ? t('home.day.none', 'Rien d’enregistré par vous aujourd’hui.')
          : t('home.day.units', 'Aujourd’hui : {units} unité(s) traitée(s) par vous.', { units: myDay.units })}
      </Typography>
      {done.length > 0 && (
        <Typography variant="pi" textColor="neutral600">
          {done.map(([kind, n]) => `${n} ${t(`home.day.kind.${kind}`, KIND_LABELS[kind])}`).join(' · ')}
        </Typography>
      )}
      {myDay.recent.map((u) => (
        <Link key={u.documentId} tag={NavLink} to={`/content-manager/collection-types/api::machine.machine/${u.documentId}`}>
          {t('home.day.recent', '{code} à {time}', { code: u.labelCode, time: formatTime(u.at, { timeStyle: 'short' }) })}
        </Link>
      ))}
    </Flex>
  );
};
