import { useCallback, useEffect, useState } from 'react';
import { useFetchClient, useNotification, useRBAC } from '@strapi/admin/strapi-admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { AccountListItem, AccountSummary, StructureKind } from '../../../shared/contracts';
import { getTranslation } from '../utils/getTranslation';

const PERMISSIONS = { create: [{ action: 'plugin::portal.accounts.create', subject: null }] };
const KINDS: Record<string, StructureKind> = { 'api::prescriber.prescriber': 'prescriber', 'api::donor.donor': 'donor' };

const PanelContent = ({ kind, documentId }: { kind: StructureKind; documentId: string }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [accounts, setAccounts] = useState<AccountListItem[]>([]);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const { data } = await get<{ data: AccountListItem[] }>('/portal/accounts', { params: { structure: kind, documentId } });
    setAccounts(data.data);
  }, [get, kind, documentId]);

  useEffect(() => {
    refresh().catch(() => setAccounts([]));
  }, [refresh]);

  const invite = async () => {
    setBusy(true);
    try {
      const { data } = await post<{ data: AccountSummary }>('/portal/accounts', { structure: kind, documentId, email });
      toggleNotification(
        data.data.invitationSent
          ? { type: 'success', message: t('panel.sent', 'Invitation envoyée à {email}.', { email: data.data.email }) }
          : { type: 'warning', message: t('panel.notSent', 'Compte créé, mais l’e-mail n’a pas pu partir.') }
      );
      setEmail('');
      await refresh();
    } catch (error) {
      const message = (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message;
      toggleNotification({ type: 'danger', message: message ?? t('panel.error', 'L’opération a échoué.') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="portal-accounts-panel">
      {accounts.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">{t('panel.none', 'Aucun compte pour cette structure.')}</Typography>
      ) : (
        accounts.map((account) => (
          <Typography key={account.id} variant="pi">
            {account.email} — {t(`panel.status.${account.status}`, account.status)}
          </Typography>
        ))
      )}
      <Field.Root>
        <Field.Label>{t('panel.email', 'Adresse e-mail de la personne')}</Field.Label>
        <TextInput type="email" name="portal-email" value={email} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)} />
      </Field.Root>
      <Button variant="secondary" startIcon={<Mail />} disabled={busy || !email.includes('@')} onClick={invite} fullWidth>
        {t('panel.invite', 'Créer le compte et envoyer l’invitation')}
      </Button>
    </Flex>
  );
};

const Guarded = ({ kind, documentId }: { kind: StructureKind; documentId: string }) => {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS);
  if (isLoading || !allowedActions.canCreate) return null;
  return <PanelContent kind={kind} documentId={documentId} />;
};

/** The prescriber and donor edit views' side panel: their portal accounts, and an invitation form. */
export const PortalAccountsPanel: PanelComponent = ({ model, documentId }: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  const kind = KINDS[model];
  if (!kind || !documentId) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Comptes du portail' }),
    content: <Guarded kind={kind} documentId={documentId} />,
  };
};
