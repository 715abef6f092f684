import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import {
  MAX_REVIEW_REASON_LENGTH,
  REVIEW_FORM_FIELDS,
  specReviewField,
  type IotReviewItem,
  type IotReviewSummary,
  type ReviewField,
} from '@internal/backstage-plugin-iot-common';
import { useEffect, useId, useState } from 'react';
import { iotApiRef } from '../../api';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';
import { CountedTextField } from '../CountedTextField';
import { reviewFieldLabel } from '../ListingContent';

export interface RejectDialogProps {
  open: boolean;
  review: IotReviewItem;
  onRejected: (review: IotReviewSummary) => void;
  onClose: () => void;
}

/**
 * Rejects a submission (REV-1): a reason the ISV reads (required) and the
 * fields to fix, which the ISV's resubmission form marks; the server's
 * refusal is shown in the dialog.
 */
export function RejectDialog(props: RejectDialogProps) {
  const { open, review, onRejected, onClose } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const fieldsId = useId();
  const [reason, setReason] = useState('');
  const [flagged, setFlagged] = useState<ReviewField[]>([]);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    if (open) {
      setReason('');
      setFlagged([]);
      setChecked(false);
    }
  }, [open]);

  const specNames = Object.fromEntries(
    review.specs.map(spec => [spec.id, spec.name] as const),
  );
  const fields: ReviewField[] = [
    ...REVIEW_FORM_FIELDS,
    ...review.specs.map(spec => specReviewField(spec.id)),
  ];
  const problem = reason.trim() ? undefined : t('rejectDialog.reasonRequired');

  const toggle = (field: ReviewField, on: boolean) =>
    setFlagged(current =>
      on ? [...current, field] : current.filter(f => f !== field),
    );

  const reject = async () => {
    onRejected(
      await iotApi.rejectReview(review.id, {
        reason: reason.trim(),
        // in form order, whatever order they were ticked in
        flaggedFields: fields.filter(field => flagged.includes(field)),
      }),
    );
  };

  return (
    <ActionDialog
      open={open}
      title={t('rejectDialog.title', { name: review.listingName })}
      submitLabel={t('rejectDialog.confirm')}
      destructive
      failedTitle={t('rejectDialog.failed')}
      width={600}
      canSubmit={() => {
        setChecked(true);
        return !problem;
      }}
      onSubmit={reject}
      onClose={onClose}
    >
      {({ pending }) => (
        <>
          <Text as="p">
            {review.isUpdate
              ? t('rejectDialog.bodyUpdate')
              : t('rejectDialog.body')}
          </Text>
          <CountedTextField
            label={t('rejectDialog.reason')}
            value={reason}
            onChange={setReason}
            max={MAX_REVIEW_REASON_LENGTH}
            problem={checked ? problem : undefined}
            required
            multiline
            disabled={pending}
          />
          <div role="group" aria-labelledby={fieldsId}>
            <Text id={fieldsId} as="div" variant="body-medium" weight="bold">
              {t('rejectDialog.fields')}
            </Text>
            <Flex direction="column" gap="0">
              {fields.map(field => (
                <FormControlLabel
                  key={field}
                  control={
                    <Checkbox
                      size="small"
                      checked={flagged.includes(field)}
                      disabled={pending}
                      onChange={event => toggle(field, event.target.checked)}
                    />
                  }
                  label={reviewFieldLabel(t, field, specNames)}
                />
              ))}
            </Flex>
          </div>
        </>
      )}
    </ActionDialog>
  );
}
