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
import {
  MAX_REVIEW_REASON_LENGTH,
  type IotReviewItem,
  type IotReviewSummary,
} from '@internal/backstage-plugin-iot-common';
import { useEffect, useState } from 'react';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';
import { CountedTextField } from '../CountedTextField';

export interface ApproveDialogProps {
  open: boolean;
  review: IotReviewItem;
  onApproved: (review: IotReviewSummary) => void;
  onClose: () => void;
}

/**
 * Asks before approving a submission (REV-2), with an optional comment for
 * the history; the server's refusal (not pending any more, the reviewer's
 * own group's app) is shown in the dialog.
 */
export function ApproveDialog(props: ApproveDialogProps) {
  const { open, review, onApproved, onClose } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setComment('');
      setBusy(false);
      setError(undefined);
    }
  }, [open]);

  const approve = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = comment.trim();
      onApproved(
        await iotApi.approveReview(
          review.id,
          trimmed ? { comment: trimmed } : {},
        ),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const values = {
    name: review.listingName,
    specs: review.specs.map(spec => spec.name).join(', '),
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
        {t('approveDialog.title', { name: review.listingName })}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p">
            {review.isUpdate
              ? t('approveDialog.bodyUpdate', values)
              : t('approveDialog.body', values)}
          </Text>
          <CountedTextField
            label={t('approveDialog.comment')}
            value={comment}
            onChange={setComment}
            max={MAX_REVIEW_REASON_LENGTH}
            multiline
          />
          {error && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('approveDialog.failed')}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={busy}>
          {t('dialogs.cancel')}
        </Button>
        <Button variant="primary" onPress={approve} isPending={busy}>
          {t('approveDialog.confirm')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
