import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';

export interface DeleteDialogProps {
  open: boolean;
  title: string;
  /** The question, naming what is deleted. */
  body: string;
  /** Heading of the server's refusal. */
  failedTitle: string;
  /** Deletes; a rejection is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/**
 * Asks before deleting an app or a spec (APP-4, SPEC-4) and shows the
 * server's refusal, e.g. that a published app cannot be deleted.
 */
export function DeleteDialog(props: DeleteDialogProps) {
  const { open, title, body, failedTitle, onConfirm, onClose } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <ActionDialog
      open={open}
      title={title}
      submitLabel={t('dialogs.delete')}
      destructive
      failedTitle={failedTitle}
      onSubmit={onConfirm}
      onClose={onClose}
    >
      <Text as="p">{body}</Text>
    </ActionDialog>
  );
}
