import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import { MAX_REVIEW_REASON_LENGTH } from '@internal/backstage-plugin-iot-common';
import { useEffect, useState } from 'react';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';
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

  useEffect(() => {
    if (open) {
      setReason('');
      setChecked(false);
    }
  }, [open]);

  const problem = reason.trim() ? undefined : t('unlistDialog.reasonRequired');

  return (
    <ActionDialog
      open={open}
      title={
        specName
          ? t('unlistDialog.specTitle', { spec: specName })
          : t('unlistDialog.title', { app: appName })
      }
      submitLabel={t('unlistDialog.confirm')}
      destructive
      failedTitle={t('unlistDialog.failed')}
      canSubmit={() => {
        setChecked(true);
        return !problem;
      }}
      onSubmit={() => onConfirm(reason.trim())}
      onClose={onClose}
    >
      {({ pending }) => (
        <>
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
            disabled={pending}
          />
        </>
      )}
    </ActionDialog>
  );
}
