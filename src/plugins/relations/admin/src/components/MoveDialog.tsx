import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { type BoardCard, type Relationship, type StaffMember } from '../../../shared/contracts';
import { errorMessage, useT } from './useApi';
import { enumLabel } from '../../../../../shared/admin/locale';

interface Props {
  card: BoardCard;
  to: Relationship;
  staff: StaffMember[];
  onClose: () => void;
  onMoved: () => void;
}

/** Confirms a move: an optional note and next step are recorded on the move's interaction. */
export const MoveDialog = ({ card, to, staff, onClose, onMoved }: Props) => {
  const t = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [note, setNote] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [due, setDue] = useState('');
  const [owner, setOwner] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/relations/donors/${card.documentId}/relationship`, {
        to,
        from: card.relationship,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(nextStep.trim() ? { nextStep: nextStep.trim() } : {}),
        ...(nextStep.trim() && due ? { nextStepDue: due } : {}),
        ...(nextStep.trim() && owner ? { owner: Number(owner) } : {}),
      });
      toggleNotification({ type: 'success', message: t('move.done', '{name} : {relationship}.', { name: card.name, relationship: enumLabel(to) }) });
      onMoved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header closeLabel={t('common.close', 'Fermer')}>
          <Modal.Title>{t('move.title', '{name} → {relationship}', { name: card.name, relationship: enumLabel(to) })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="omega" textColor="neutral600">
              {t('move.intro', 'Le changement d’étape est enregistré comme une interaction (qui, quand, de quelle étape à quelle étape).')}
            </Typography>
            {error && (
              <Typography role="alert" textColor="danger600">
                {error}
              </Typography>
            )}
            <Field.Root name="note">
              <Field.Label>{t('move.note', 'Note (facultatif)')}</Field.Label>
              <Textarea name="note" value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />
            </Field.Root>
            <Field.Root name="nextStep">
              <Field.Label>{t('move.nextStep', 'Prochaine étape (facultatif)')}</Field.Label>
              <TextInput name="nextStep" value={nextStep} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setNextStep(e.target.value)} />
            </Field.Root>
            <Flex gap={4}>
              <Field.Root name="nextStepDue">
                <Field.Label>{t('move.due', 'Pour le')}</Field.Label>
                <TextInput type="date" name="nextStepDue" value={due} disabled={!nextStep.trim()} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDue(e.target.value)} />
              </Field.Root>
              <Field.Root name="owner">
                <Field.Label>{t('move.owner', 'Responsable')}</Field.Label>
                <SingleSelect
                  value={owner}
                  disabled={!nextStep.trim()}
                  placeholder={t('move.ownerNone', 'Coordination')}
                  onChange={(v: string | number) => setOwner(String(v))}
                  onClear={() => setOwner('')}
                >
                  {staff.map((s) => (
                    <SingleSelectOption key={s.id} value={String(s.id)}>
                      {s.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Flex>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('common.cancel', 'Annuler')}
          </Button>
          <Button onClick={submit} loading={busy}>
            {t('move.submit', 'Déplacer')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
