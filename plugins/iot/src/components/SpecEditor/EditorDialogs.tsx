import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
} from '@backstage/ui';
import Snackbar from '@material-ui/core/Snackbar';
import { memo } from 'react';
import { iotTranslationRef } from '../../translation';

// The editor's dialogs and notices are components of their own, memoised:
// the editor renders on every step of a drag, they need not.

/** Someone else saved the graph since it was loaded (412): reload theirs or overwrite with mine. */
export const ConflictDialog = memo(function ConflictDialogView(props: {
  /** The server's message; the dialog is open while there is one. */
  message?: string;
  saving: boolean;
  onCancel: () => void;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const { message, saving, onCancel, onReload, onOverwrite } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Dialog
      isOpen={message !== undefined}
      isDismissable={!saving}
      onOpenChange={isOpen => !isOpen && onCancel()}
    >
      <DialogHeader>{t('specEditor.conflictTitle')}</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="2">
          <Text as="p">{t('specEditor.conflictBody')}</Text>
          <Text as="p" variant="body-small" color="secondary">
            {message}
          </Text>
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onCancel}>
          {t('dialogs.cancel')}
        </Button>
        <Button variant="secondary" onPress={onReload}>
          {t('specEditor.reload')}
        </Button>
        <Button
          variant="primary"
          destructive
          isPending={saving}
          onPress={onOverwrite}
        >
          {t('specEditor.overwrite')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
});

/** A link was followed with unsaved changes: stay, or leave and lose them. */
export const LeaveDialog = memo(function LeaveDialogView(props: {
  open: boolean;
  onStay: () => void;
  onLeave: () => void;
}) {
  const { open, onStay, onLeave } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Dialog isOpen={open} onOpenChange={isOpen => !isOpen && onStay()}>
      <DialogHeader>{t('specEditor.leaveTitle')}</DialogHeader>
      <DialogBody>
        <Text as="p">{t('specEditor.leaveBody')}</Text>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onStay}>
          {t('specEditor.stay')}
        </Button>
        <Button variant="primary" destructive onPress={onLeave}>
          {t('specEditor.leave')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
});

export type Notice = { text: string; severity: 'success' | 'warning' };

/** A short message at the bottom: saved, or why a connection was refused. */
export const EditorNotice = memo(function EditorNoticeView(props: {
  notice?: Notice;
  onClose: () => void;
}) {
  const { notice, onClose } = props;
  return (
    <Snackbar
      open={notice !== undefined}
      autoHideDuration={8000}
      onClose={(_, reason) => reason !== 'clickaway' && onClose()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      message={notice?.text}
      ContentProps={{
        role: notice?.severity === 'warning' ? 'alert' : 'status',
      }}
    />
  );
});
