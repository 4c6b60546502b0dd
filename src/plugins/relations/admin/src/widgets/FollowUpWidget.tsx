import { Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { ExpiringConvention } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { useGet } from '../../../../../shared/admin/useApi';

interface Step {
  interactionDocumentId: string;
  text: string;
  due: string;
  party: string;
  ownerName: string | null;
}

interface DueSteps {
  today: string;
  entries: Array<{ ownerName: string; due: Step[]; overdue: Step[] }>;
}

/** « À suivre » on the home page: next steps due or late, and conventions to renew. */
export const FollowUpWidget = () => {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const steps = useGet<DueSteps>('/relations/steps/due');
  const conventions = useGet<ExpiringConvention[]>('/relations/conventions/expiring');
  const error = steps.error ?? conventions.error;
  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!steps.data || !conventions.data) return <Typography textColor="neutral600">{t('home.loading', 'Chargement…')}</Typography>;
  const all = steps.data.entries.flatMap((e) => [...e.overdue.map((s) => ({ ...s, late: true })), ...e.due.map((s) => ({ ...s, late: false }))]);
  all.sort((a, b) => a.due.localeCompare(b.due));
  const toRenew = conventions.data.filter((c) => !c.renewal);
  if (all.length === 0 && toRenew.length === 0) return <Typography textColor="neutral600">{t('home.followUp.none', 'Rien d’échu : aucune étape due, aucune convention à renouveler.')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="home-follow-up">
      {all.slice(0, 5).map((s) => (
        <Typography key={s.interactionDocumentId} textColor={s.late ? 'danger600' : 'neutral800'}>
          {t('home.followUp.step', '{party} : {text} ({date})', { party: s.party, text: s.text, date: formatDate(s.due, { dateStyle: 'medium' }) })}
        </Typography>
      ))}
      {all.length > 5 && <Typography variant="pi" textColor="neutral600">{t('home.followUp.more', 'et {count} autre(s) sur le tableau des relations.', { count: all.length - 5 })}</Typography>}
      {toRenew.slice(0, 4).map((c) => (
        <Link key={c.documentId} tag={NavLink} to={`/content-manager/collection-types/api::convention.convention/${c.documentId}`}>
          {t('home.followUp.convention', 'Convention {number} ({party}) : échéance le {date}', { number: c.number, party: c.party, date: formatDate(c.endDate, { dateStyle: 'medium' }) })}
        </Link>
      ))}
    </Flex>
  );
};
