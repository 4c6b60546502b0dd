import { Box, Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { StationOperatorState } from '../../../shared/contracts';
import { shortName } from '../../../../../shared/badges';
import { errorMessage } from '../../../../../shared/admin/useApi';
import { getTranslation } from '../utils/getTranslation';

interface Props {
  state: StationOperatorState | null;
  /** The name + PIN dialog: open or not (the station also closes it when a badge is scanned). */
  dialogOpen: boolean;
  onDialog: (open: boolean) => void;
  /** After an identification or a hand-over: reload the operator and the unit shown. */
  onChange: () => Promise<unknown> | void;
}

/**
 * « Au poste : Marie K. — Changer »: who is at the bench on this account (docs/volunteers.md,
 * « Qui est au poste »). A badge scanned anywhere on the station identifies (StationPage); this
 * banner offers the name + PIN dialog and the hand-over.
 */
export const OperatorBanner = ({ state, dialogOpen, onDialog, onChange }: Props) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { post, del } = useFetchClient();
  const [volunteer, setVolunteer] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!state) return null;

  const close = () => {
    setPin('');
    setError(null);
    onDialog(false);
  };

  const identify = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await post('/pipeline/station/operator', { volunteer, pin });
      close();
      await onChange();
    } catch (e) {
      setError(errorMessage(e));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  const handOver = async () => {
    await del('/pipeline/station/operator');
    await onChange();
  };

  return (
    <Box background={state.operator ? 'success100' : 'neutral100'} padding={3} hasRadius marginBottom={4} data-testid="station-operator">
      <Flex gap={3} alignItems="center" wrap="wrap">
        <Typography fontWeight="bold">
          {state.operator
            ? t('operator.at', 'Au poste : {name} (poste : compte {account})', { name: shortName(state.operator.name), account: state.account })
            : t('operator.nobody', 'Personne au poste : les actions sont enregistrées au nom du compte {account}.', { account: state.account })}
        </Typography>
        <Typography textColor="neutral600">{t('operator.scanHint', 'Scannez votre badge pour vous signaler.')}</Typography>
        <Button variant="secondary" size="S" onClick={() => onDialog(true)}>
          {state.operator ? t('operator.change', 'Changer') : t('operator.withPin', 'Me signaler avec mon code PIN')}
        </Button>
        {state.operator && (
          <Button variant="tertiary" size="S" onClick={handOver}>
            {t('operator.leave', 'Quitter le poste')}
          </Button>
        )}
      </Flex>
      <Modal.Root open={dialogOpen} onOpenChange={(open: boolean) => !open && close()}>
        <Modal.Content>
          <form onSubmit={(e) => void identify(e)}>
            <Modal.Header closeLabel={t('operator.close', 'Fermer')}>
              <Modal.Title>{t('operator.title', 'Qui est au poste ?')}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography textColor="neutral600">{t('operator.intro', 'Scannez votre badge, ou choisissez votre nom et tapez votre code PIN.')}</Typography>
                {error && (
                  <Typography role="alert" textColor="danger600">
                    {error}
                  </Typography>
                )}
                <Field.Root name="volunteer" required>
                  <Field.Label>{t('operator.name', 'Votre nom')}</Field.Label>
                  <SingleSelect value={volunteer} onChange={(v: string | number) => setVolunteer(String(v))} placeholder={t('operator.choose', 'Choisir…')}>
                    {state.volunteers.map((v) => (
                      <SingleSelectOption key={v.documentId} value={v.documentId}>
                        {v.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  {state.volunteers.length === 0 && (
                    <Typography variant="pi" textColor="neutral600">
                      {t('operator.noPin', 'Aucun bénévole n’a encore de code PIN : la coordination en donne un dans sa fiche.')}
                    </Typography>
                  )}
                </Field.Root>
                <Field.Root name="pin" required>
                  <Field.Label>{t('operator.pin', 'Code PIN')}</Field.Label>
                  <TextInput name="pin" type="password" inputMode="numeric" autoComplete="off" maxLength={6} value={pin} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPin(e.target.value)} />
                </Field.Root>
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Button variant="tertiary" onClick={close}>
                {t('operator.cancel', 'Annuler')}
              </Button>
              <Button type="submit" loading={busy} disabled={!volunteer || pin.length < 4}>
                {t('operator.confirm', 'Me signaler')}
              </Button>
            </Modal.Footer>
          </form>
        </Modal.Content>
      </Modal.Root>
    </Box>
  );
};
