import { Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { type ConventionState, type ConventionSummary } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';
import { errorMessage, useGet, useT } from './useApi';
import { enumLabel } from '../../../../../shared/admin/locale';

const CONVENTIONS_MANAGE = [{ action: 'plugin::relations.conventions.manage', subject: null }];

const PanelContent = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(CONVENTIONS_MANAGE);
  const { data, error, reload } = useGet<ConventionSummary>(`/relations/conventions/${documentId}`);
  const [busy, setBusy] = useState<string | null>(null);

  const MOVE_LABELS: Record<ConventionState, string> = {
    draft: t('convention.toDraft', 'Repasser en brouillon'),
    sent: t('convention.toSent', 'Envoyer au contact (PDF)'),
    signed: t('convention.toSigned', 'Marquer signée (aujourd’hui)'),
    expired: t('convention.toExpired', 'Marquer expirée'),
    renewed: t('convention.toRenewed', 'Renouvelée'),
    terminated: t('convention.toTerminated', 'Résilier'),
  };

  const act = async (key: string, url: string, body: Record<string, unknown>, success: string) => {
    setBusy(key);
    try {
      await post(url, body);
      toggleNotification({ type: 'success', message: `${success} ${t('convention.reload', 'Rechargez la page pour voir la fiche à jour.')}` });
      reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!data) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="convention-lifecycle">
      <Typography variant="omega">
        {t('convention.state', 'Statut : {state}', { state: enumLabel(data.state) })}
      </Typography>
      {data.renewalOf && <Typography variant="pi">{t('convention.renews', 'Renouvelle {number}.', { number: data.renewalOf.number })}</Typography>}
      {data.renewedBy && (
        <Typography variant="pi">
          {t('convention.renewedBy', 'Suite : {number} ({state}).', { number: data.renewedBy.number, state: enumLabel(data.renewedBy.state) })}
        </Typography>
      )}
      {allowedActions.canManage &&
        data.moves.map((to) => (
          <Button
            key={to}
            size="S"
            fullWidth
            variant={to === 'terminated' ? 'danger-light' : to === 'sent' || to === 'signed' ? 'default' : 'tertiary'}
            loading={busy === to}
            disabled={busy !== null || (to === 'sent' && !data.contactEmail)}
            onClick={() => act(to, `/relations/conventions/${documentId}/state`, { to }, t('convention.moved', 'Convention « {state} ».', { state: enumLabel(to) }))}
          >
            {MOVE_LABELS[to]}
          </Button>
        ))}
      {allowedActions.canManage && data.moves.includes('sent') && !data.contactEmail && (
        <Typography variant="pi" textColor="danger600">
          {t('convention.noEmail', 'Pour l’envoyer, ajoutez un contact avec une adresse e-mail à la fiche du donateur ou du prescripteur.')}
        </Typography>
      )}
      {allowedActions.canManage && data.canRenew && (
        <Button size="S" fullWidth variant="secondary" loading={busy === 'renew'} disabled={busy !== null} onClick={() => act('renew', `/relations/conventions/${documentId}/renew`, {}, t('convention.renewed', 'Convention de suite créée en brouillon.'))}>
          {t('convention.renew', 'Renouveler')}
        </Button>
      )}
    </Flex>
  );
};

/** « Cycle de vie » in a convention's edit view: its state and the moves allowed from it. */
export const ConventionPanel: PanelComponent = ({ model, documentId }: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  if (model !== 'api::convention.convention' || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('convention.title'), defaultMessage: 'Cycle de vie' }),
    content: <PanelContent documentId={documentId} />,
  };
};
