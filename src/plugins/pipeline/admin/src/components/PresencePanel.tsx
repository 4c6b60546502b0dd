import { Box, Button, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { StationOperator, StationPresences } from '../../../shared/contracts';
import { shortName } from '../../../../../shared/badges';
import { adminLocale } from '../../../../../shared/admin/locale';
import { errorMessage } from '../../../../../shared/admin/useApi';
import { getTranslation } from '../utils/getTranslation';

const SIGN = [{ action: 'plugin::pipeline.presences.sign', subject: null }];

/** « 14:30 » in Brest, whatever the bench computer's own time zone. */
const brestTime = (iso: string) => new Date(iso).toLocaleTimeString(adminLocale(), { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
const brestDate = (iso: string) => new Date(iso).toLocaleDateString(adminLocale(), { day: '2-digit', month: '2-digit', timeZone: 'Europe/Paris' });

interface Props {
  /** Who is at the bench (badge or PIN): offered « Pointer mon arrivée / mon départ » first. */
  operator: StationOperator | null;
}

/**
 * « Présences du jour » at the station (docs/volunteers.md, « Présences et heures »): the operator
 * signs in or out with one button, anyone of the team can be signed in from the list, and each
 * person present can be signed out. Forgotten sign-outs of earlier days are shown, with who fixes
 * them (the coordination, in the content manager). Shown only to who may sign presences.
 */
export const PresencePanel = ({ operator }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const {
    isLoading,
    allowedActions: { canSign },
  } = useRBAC(SIGN);
  const [state, setState] = useState<StationPresences | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    const res = await get<{ data: StationPresences }>('/pipeline/presences/current');
    setState(res.data.data);
  };

  useEffect(() => {
    if (canSign) void load().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canSign]);

  if (isLoading || !canSign || !state) return null;

  const sign = async (direction: 'in' | 'out', volunteer: string, name: string) => {
    setBusy(`${direction}:${volunteer}`);
    try {
      const res = await post<{ data: { signedInAt: string; signedOutAt?: string } }>(`/pipeline/presences/sign-${direction}`, { volunteer });
      const at = brestTime(direction === 'in' ? res.data.data.signedInAt : (res.data.data.signedOutAt ?? res.data.data.signedInAt));
      toggleNotification({
        type: 'success',
        message: direction === 'in' ? t('presence.signedIn', 'Arrivée de {name} pointée à {time}.', { name: shortName(name), time: at }) : t('presence.signedOut', 'Départ de {name} pointé à {time}.', { name: shortName(name), time: at }),
      });
      if (direction === 'in') setChosen('');
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
      await load().catch(() => undefined);
    }
  };

  const present = new Set(state.present.map((p) => p.volunteer));
  const late = new Set(state.toRegularise.map((p) => p.volunteer));
  const operatorPresent = operator ? state.present.find((p) => p.volunteer === operator.volunteer) : undefined;
  const operatorInTeam = operator ? state.team.some((v) => v.documentId === operator.volunteer) : false;
  const signable = state.team.filter((v) => !present.has(v.documentId) && !late.has(v.documentId));

  return (
    <Box background="neutral0" borderColor="neutral200" padding={3} hasRadius marginBottom={4} data-testid="station-presences">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={3} alignItems="center" wrap="wrap">
          <Typography fontWeight="bold" tag="h2">
            {t('presence.title', 'Présences du jour')}
          </Typography>
          {operator && operatorPresent && (
            <Button variant="secondary" size="S" loading={busy === `out:${operator.volunteer}`} disabled={busy !== null} onClick={() => sign('out', operator.volunteer, operator.name)}>
              {t('presence.myOut', 'Pointer mon départ (arrivée à {time})', { time: brestTime(operatorPresent.signedInAt) })}
            </Button>
          )}
          {operator && !operatorPresent && operatorInTeam && !late.has(operator.volunteer) && (
            <Button size="S" loading={busy === `in:${operator.volunteer}`} disabled={busy !== null} onClick={() => sign('in', operator.volunteer, operator.name)}>
              {t('presence.myIn', 'Pointer mon arrivée')}
            </Button>
          )}
        </Flex>
        {state.present.length === 0 ? (
          <Typography textColor="neutral600">{t('presence.nobody', 'Personne n’est pointé aujourd’hui.')}</Typography>
        ) : (
          <Flex gap={2} wrap="wrap" tag="ul" aria-label={t('presence.present', 'Présents')}>
            {state.present.map((p) => (
              <Flex key={p.presence} tag="li" gap={2} alignItems="center" background="success100" paddingLeft={2} paddingRight={1} paddingTop={1} paddingBottom={1} hasRadius>
                <Typography>{t('presence.since', '{name} depuis {time}', { name: shortName(p.name), time: brestTime(p.signedInAt) })}</Typography>
                <Button variant="tertiary" size="S" loading={busy === `out:${p.volunteer}`} disabled={busy !== null} onClick={() => sign('out', p.volunteer, p.name)}>
                  {t('presence.out', 'Départ')}
                </Button>
              </Flex>
            ))}
          </Flex>
        )}
        {signable.length > 0 && (
          <Flex gap={2} alignItems="flex-end" wrap="wrap">
            <Box width="260px">
              <SingleSelect
                aria-label={t('presence.who', 'Bénévole à pointer')}
                placeholder={t('presence.choose', 'Pointer l’arrivée de…')}
                value={chosen}
                onChange={(v: string | number) => setChosen(String(v))}
              >
                {signable.map((v) => (
                  <SingleSelectOption key={v.documentId} value={v.documentId}>
                    {v.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Button
              variant="secondary"
              size="S"
              disabled={!chosen || busy !== null}
              loading={busy === `in:${chosen}`}
              onClick={() => sign('in', chosen, signable.find((v) => v.documentId === chosen)?.name ?? '')}
            >
              {t('presence.in', 'Pointer l’arrivée')}
            </Button>
          </Flex>
        )}
        {state.toRegularise.length > 0 && (
          <Typography textColor="warning600" data-testid="station-presences-late">
            {t('presence.late', 'Départ non pointé, à régulariser par la coordination (contenu « Présence ») : {names}.', {
              names: state.toRegularise.map((p) => t('presence.lateOne', '{name} (arrivée le {date} à {time})', { name: shortName(p.name), date: brestDate(p.signedInAt), time: brestTime(p.signedInAt) })).join(', '),
            })}
          </Typography>
        )}
      </Flex>
    </Box>
  );
};
