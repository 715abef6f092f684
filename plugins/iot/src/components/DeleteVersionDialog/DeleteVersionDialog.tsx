import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import { iotApiRef } from '../../api';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';

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

  const confirm = async () => {
    if (target) {
      await iotApi.deleteImageVersion(target.name, target.version);
      onDeleted(target);
    }
  };

  return (
    <ActionDialog
      open={Boolean(target)}
      title={t('deleteDialog.title')}
      submitLabel={t('deleteDialog.confirm')}
      destructive
      failedTitle={t('deleteDialog.failed')}
      onSubmit={confirm}
      onClose={onClose}
    >
      <Text as="p">
        {target &&
          t('deleteDialog.body', {
            name: target.name,
            version: target.version,
          })}
      </Text>
    </ActionDialog>
  );
}
