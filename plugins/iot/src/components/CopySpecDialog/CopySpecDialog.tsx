import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import {
  MAX_SPEC_NAME_LENGTH,
  type IotSpecItem,
} from '@internal/backstage-plugin-iot-common';
import { useEffect, useState } from 'react';
import { checkName, suggestCopyName } from '../../lib/forms';
import { fieldProblemText } from '../../lib/labels';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';
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
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (spec) {
      setName(
        suggestCopyName(spec.name, original =>
          t('copyDialog.suggestedName', { name: original }),
        ),
      );
      setTouched(false);
    }
  }, [spec, t]);

  const problem = checkName(name, MAX_SPEC_NAME_LENGTH);
  const shownProblem =
    problem && (touched || problem.problem === 'too-long')
      ? fieldProblemText(t, problem)
      : undefined;

  return (
    <ActionDialog
      open={Boolean(spec)}
      title={t('copyDialog.title')}
      submitLabel={t('copyDialog.copy')}
      failedTitle={t('copyDialog.failed')}
      width={520}
      canSubmit={() => {
        setTouched(true);
        return !problem;
      }}
      onSubmit={() => onSubmit(name.trim())}
      onClose={onClose}
    >
      {({ pending }) => (
        <>
          <Text as="p">
            {spec && t('copyDialog.body', { name: spec.name })}
          </Text>
          <CountedTextField
            label={t('copyDialog.nameLabel')}
            value={name}
            onChange={setName}
            onBlur={() => setTouched(true)}
            max={MAX_SPEC_NAME_LENGTH}
            problem={shownProblem}
            required
            disabled={pending}
          />
        </>
      )}
    </ActionDialog>
  );
}
