import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';

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
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  // The last question stays on screen while the dialog fades out.
  const [shownBody, setShownBody] = useState(body);

  useEffect(() => {
    if (open) {
      setError(undefined);
      setDeleting(false);
      setShownBody(body);
    }
  }, [open, body]);

  const confirm = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Dialog
      isOpen={open}
      isDismissable={!deleting}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>{title}</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p">{shownBody}</Text>
          {error && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={failedTitle}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={deleting}>
          {t('dialogs.cancel')}
        </Button>
        <Button
          variant="primary"
          destructive
          onPress={confirm}
          isPending={deleting}
        >
          {t('dialogs.delete')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
