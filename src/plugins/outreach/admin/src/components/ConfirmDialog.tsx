import { Button, Dialog } from '@strapi/design-system';
import type { ReactElement, ReactNode } from 'react';
import { useT } from '../utils/useT';

interface Props {
  /** The button that opens the dialog. */
  trigger: ReactElement;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmIcon?: ReactElement;
  onConfirm: () => void;
}

/** A confirmation before an action that writes to many structures at once. */
export const ConfirmDialog = ({ trigger, title, children, confirmLabel, confirmIcon, onConfirm }: Props) => {
  const t = useT();
  return (
    <Dialog.Root>
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body>{children}</Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('edit.cancel', 'Annuler')}</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button startIcon={confirmIcon} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
