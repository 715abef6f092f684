import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';

/** An image version someone asked to delete. */
export type VersionToDelete = { name: string; version: string };

export interface DeleteVersionDialogProps {
  /** The version to confirm; the dialog is closed while undefined. */
  target?: VersionToDelete;
  onClose: () => void;
  onDeleted: (deleted: VersionToDelete) => void;
}

/**
 * Asks before deleting an image version (IMG-5) and shows the server's
 * refusal, e.g. the apps whose specs still use the version.
 */
export function DeleteVersionDialog(props: DeleteVersionDialogProps) {
  const { target, onClose, onDeleted } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  // The last target stays on screen while the dialog fades out.
  const [shown, setShown] = useState(target);

  useEffect(() => {
    setError(undefined);
    setDeleting(false);
    if (target) {
      setShown(target);
    }
  }, [target]);

  const confirm = async () => {
    if (!target) {
      return;
    }
    setDeleting(true);
    setError(undefined);
    try {
      await iotApi.deleteImageVersion(target.name, target.version);
      onDeleted(target);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Dialog
      isOpen={Boolean(target)}
      isDismissable={!deleting}
      onOpenChange={open => {
        if (!open) {
          onClose();
        }
      }}
    >
      <DialogHeader>{t('deleteDialog.title')}</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p">
            {shown &&
              t('deleteDialog.body', {
                name: shown.name,
                version: shown.version,
              })}
          </Text>
          {error && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('deleteDialog.failed')}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={deleting}>
          {t('deleteDialog.cancel')}
        </Button>
        <Button
          variant="primary"
          destructive
          onPress={confirm}
          isPending={deleting}
        >
          {t('deleteDialog.confirm')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
