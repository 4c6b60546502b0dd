import { useEffect, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/admin/strapi-admin';
import { Button, Field, Flex, Modal, Textarea, TextInput, Typography } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { getTranslation } from '../pluginId';

interface Recipients {
  donateur: string[];
  prescripteur: string[];
  suggested: 'donateur' | 'prescripteur' | null;
}

interface Props {
  document: { documentId: string; number: string };
  onSent: () => void;
}

type ErrorBody = { response?: { status?: number; data?: { error?: { message?: string } } } };

/** "Envoyer par e-mail": recipients prefilled from the record (donor or prescriber contact), an optional message. */
export const SendDialog = ({ document: doc, onSent }: Props) => {
  const { formatMessage } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  useEffect(() => {
    if (!open) return;
    setError(null);
    get<{ data: Recipients }>(`/documents/generated/${doc.documentId}/recipients`)
      .then(({ data }) => {
        const suggested = data.data.suggested ? data.data[data.data.suggested] : [];
        setTo((current) => current || suggested.join(', '));
      })
      .catch(() => undefined);
  }, [open, get, doc.documentId]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await post<{ data: { status: string; error: string | null } }>(`/documents/generated/${doc.documentId}/send`, { to, ...(message.trim() ? { message } : {}) });
      if (data.data.status === 'partial') toggleNotification({ type: 'warning', message: data.data.error ?? '' });
      else toggleNotification({ type: 'success', message: t('send.done', 'Document {number} envoyé à {to}.', { number: doc.number, to }) });
      setOpen(false);
      setMessage('');
      onSent();
    } catch (e) {
      const body = e as ErrorBody;
      setError(body.response?.data?.error?.message ?? t('panel.error', "L'opération a échoué."));
      // A failed attempt is recorded too: show it in the list.
      if ((body.response?.status ?? 0) >= 500) onSent();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button variant="tertiary" size="S" startIcon={<Mail />}>
          {t('send.open', 'Envoyer par e-mail')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header closeLabel={t('send.close', 'Fermer')}>
          <Modal.Title>{t('send.title', 'Envoyer {number} par e-mail', { number: doc.number })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="omega" textColor="neutral600">
              {t('send.intro', 'Le PDF émis est joint tel quel ; le message rappelle son numéro et son adresse de vérification.')}
            </Typography>
            <Field.Root name="to" error={error ?? undefined} required hint={t('send.to.hint', 'Plusieurs adresses : séparez-les par des virgules (10 au plus).')}>
              <Field.Label>{t('send.to', 'Destinataires')}</Field.Label>
              <TextInput name="to" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} placeholder="contact@exemple.fr" />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            <Field.Root name="message">
              <Field.Label>{t('send.message', 'Message (facultatif)')}</Field.Label>
              <Textarea name="message" value={message} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setMessage(e.target.value)} />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('send.cancel', 'Annuler')}</Button>
          </Modal.Close>
          <Button onClick={send} loading={busy} startIcon={<Mail />}>
            {t('send.submit', 'Envoyer')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
