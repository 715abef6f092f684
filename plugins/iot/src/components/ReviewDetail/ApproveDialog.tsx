import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import {
  MAX_REVIEW_REASON_LENGTH,
  type IotReviewItem,
  type IotReviewSummary,
} from '@internal/backstage-plugin-iot-common';
import { useEffect, useState } from 'react';
import { iotApiRef } from '../../api';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';
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

  useEffect(() => {
    if (open) {
      setComment('');
    }
  }, [open]);

  const approve = async () => {
    const trimmed = comment.trim();
    onApproved(
      await iotApi.approveReview(
        review.id,
        trimmed ? { comment: trimmed } : {},
      ),
    );
  };

  const values = {
    name: review.listingName,
    specs: review.specs.map(spec => spec.name).join(', '),
  };
  return (
    <ActionDialog
      open={open}
      title={t('approveDialog.title', { name: review.listingName })}
      submitLabel={t('approveDialog.confirm')}
      failedTitle={t('approveDialog.failed')}
      onSubmit={approve}
      onClose={onClose}
    >
      {({ pending }) => (
        <>
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
            disabled={pending}
          />
        </>
      )}
    </ActionDialog>
  );
}
