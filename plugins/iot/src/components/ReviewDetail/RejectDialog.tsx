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
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setReason('');
      setFlagged([]);
      setChecked(false);
      setBusy(false);
      setError(undefined);
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
    setChecked(true);
    if (problem) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onRejected(
        await iotApi.rejectReview(review.id, {
          reason: reason.trim(),
          // in form order, whatever order they were ticked in
          flaggedFields: fields.filter(field => flagged.includes(field)),
        }),
      );
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
      width={600}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>
        {t('rejectDialog.title', { name: review.listingName })}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
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
            disabled={busy}
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
                      disabled={busy}
                      onChange={event => toggle(field, event.target.checked)}
                    />
                  }
                  label={reviewFieldLabel(t, field, specNames)}
                />
              ))}
            </Flex>
          </div>
          {error && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('rejectDialog.failed')}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={busy}>
          {t('dialogs.cancel')}
        </Button>
        <Button variant="primary" destructive onPress={reject} isPending={busy}>
          {t('rejectDialog.confirm')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
