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
import { MAX_REVIEW_REASON_LENGTH } from '@internal/backstage-plugin-iot-common';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';
import { CountedTextField } from '../CountedTextField';

export interface UnlistDialogProps {
  open: boolean;
  appName: string;
  /** Set to unlist only this listed spec (REV-3); the app stays listed. */
  specName?: string;
  /** Unlists with the reason; a rejection is shown in the dialog, which stays open. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

/** Asks before taking an app, or one of its specs, off the marketplace, with the reason (REV-3). */
export function UnlistDialog(props: UnlistDialogProps) {
  const { open, appName, specName, onConfirm, onClose } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setReason('');
      setChecked(false);
      setBusy(false);
      setError(undefined);
    }
  }, [open]);

  const problem = reason.trim() ? undefined : t('unlistDialog.reasonRequired');

  const confirm = async () => {
    setChecked(true);
    if (problem) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      isOpen={open}
      isDismissable={!busy}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>
        {specName
          ? t('unlistDialog.specTitle', { spec: specName })
          : t('unlistDialog.title', { app: appName })}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p">
            {specName
              ? t('unlistDialog.specBody', { spec: specName, app: appName })
              : t('unlistDialog.body', { app: appName })}
          </Text>
          <CountedTextField
            label={t('unlistDialog.reason')}
            value={reason}
            onChange={setReason}
            max={MAX_REVIEW_REASON_LENGTH}
            problem={checked ? problem : undefined}
            required
            multiline
          />
          {error && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('unlistDialog.failed')}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={busy}>
          {t('unlistDialog.cancel')}
        </Button>
        <Button
          variant="primary"
          destructive
          onPress={confirm}
          isPending={busy}
        >
          {t('unlistDialog.confirm')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
