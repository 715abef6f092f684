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
import {
  MAX_SPEC_NAME_LENGTH,
  type IotSpecItem,
} from '@internal/backstage-plugin-iot-common';
import { FormEvent, useEffect, useId, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { checkName, suggestCopyName } from '../../lib/forms';
import { fieldProblemText } from '../../lib/labels';
import { iotTranslationRef } from '../../translation';
import { CountedTextField } from '../CountedTextField';

export interface CopySpecDialogProps {
  /** The spec to copy; the dialog is closed while undefined. */
  spec?: IotSpecItem;
  /** Copies under the chosen name; a rejection is shown in the dialog. */
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

/** Copies a spec, graph included, under a new name (SPEC-6). */
export function CopySpecDialog(props: CopySpecDialogProps) {
  const { spec, onSubmit, onClose } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const formId = useId();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  // The last spec stays on screen while the dialog fades out.
  const [shown, setShown] = useState(spec);

  useEffect(() => {
    if (spec) {
      setShown(spec);
      setName(
        suggestCopyName(spec.name, original =>
          t('copyDialog.suggestedName', { name: original }),
        ),
      );
      setTouched(false);
      setError(undefined);
      setSubmitting(false);
    }
  }, [spec, t]);

  const problem = checkName(name, MAX_SPEC_NAME_LENGTH);
  const shownProblem =
    problem && (touched || problem.problem === 'too-long')
      ? fieldProblemText(t, problem)
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem || submitting) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(name.trim());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      isOpen={Boolean(spec)}
      isDismissable={!submitting}
      width={520}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>{t('copyDialog.title')}</DialogHeader>
      <DialogBody>
        <form id={formId} onSubmit={submit} noValidate>
          <Flex direction="column" gap="3">
            <Text as="p">
              {shown && t('copyDialog.body', { name: shown.name })}
            </Text>
            <CountedTextField
              label={t('copyDialog.nameLabel')}
              value={name}
              onChange={setName}
              onBlur={() => setTouched(true)}
              max={MAX_SPEC_NAME_LENGTH}
              problem={shownProblem}
              required
              disabled={submitting}
            />
            {error && (
              <Alert
                role="alert"
                status="danger"
                icon
                title={t('copyDialog.failed')}
                description={error}
              />
            )}
          </Flex>
        </form>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={submitting}>
          {t('dialogs.cancel')}
        </Button>
        <Button
          variant="primary"
          type="submit"
          form={formId}
          isPending={submitting}
        >
          {t('copyDialog.copy')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
