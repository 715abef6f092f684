import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
} from '@backstage/ui';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import {
  DEPLOY_LOCATIONS,
  MAX_SPEC_DESCRIPTION_LENGTH,
  MAX_SPEC_NAME_LENGTH,
  SPEC_TYPES,
  type CreateSpecRequest,
} from '@internal/backstage-plugin-iot-common';
import { FormEvent, useEffect, useId, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import {
  SpecFormField,
  SpecFormValues,
  checkSpecForm,
  hasProblems,
} from '../../lib/forms';
import { fieldProblemText } from '../../lib/labels';
import { iotTranslationRef } from '../../translation';
import { CountedTextField } from '../CountedTextField';

const EMPTY_SPEC: SpecFormValues = {
  type: '',
  deployLocation: '',
  name: '',
  description: '',
  allowTrial: false,
};

const ALL_FIELDS: SpecFormField[] = [
  'type',
  'deployLocation',
  'name',
  'description',
];

export interface SpecFormDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  /** Heading of the server's refusal. */
  failedTitle: string;
  /** The spec being edited; a new spec starts empty. */
  initial?: SpecFormValues;
  /** Saves the checked values; a rejection is shown in the dialog. */
  onSubmit: (request: CreateSpecRequest) => Promise<void>;
  onClose: () => void;
}

/**
 * The spec form of "New spec" and "Edit" (SPEC-1, SPEC-3): type, deploy
 * location, name, description with a live counter, 7-day trial.
 */
export function SpecFormDialog(props: SpecFormDialogProps) {
  const { open, title, submitLabel, failedTitle, initial, onSubmit, onClose } =
    props;
  const { t } = useTranslationRef(iotTranslationRef);
  const formId = useId();
  const typeId = useId();
  const locationId = useId();
  const [values, setValues] = useState<SpecFormValues>(initial ?? EMPTY_SPEC);
  const [touched, setTouched] = useState<ReadonlySet<SpecFormField>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setValues(initial ?? EMPTY_SPEC);
      setTouched(new Set());
      setError(undefined);
      setSubmitting(false);
    }
  }, [open, initial]);

  const problems = checkSpecForm(values);
  // A field says what is wrong once left, or at once when it is too long.
  const problemOf = (field: SpecFormField) => {
    const problem = problems[field];
    return problem && (touched.has(field) || problem.problem === 'too-long')
      ? fieldProblemText(t, problem)
      : undefined;
  };
  const touch = (field: SpecFormField) =>
    setTouched(previous => new Set(previous).add(field));
  const set = (changes: Partial<SpecFormValues>) =>
    setValues(previous => ({ ...previous, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(new Set(ALL_FIELDS));
    const { type, deployLocation } = values;
    if (hasProblems(problems) || !type || !deployLocation || submitting) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit({
        type,
        deployLocation,
        name: values.name.trim(),
        description: values.description.trim(),
        allowTrial: values.allowTrial,
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const typeProblem = problemOf('type');
  const locationProblem = problemOf('deployLocation');

  return (
    <Dialog
      isOpen={open}
      isDismissable={!submitting}
      width={560}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>{title}</DialogHeader>
      <DialogBody>
        <form id={formId} onSubmit={submit} noValidate>
          <Flex direction="column" gap="3">
            <TextField
              id={typeId}
              select
              label={t('fields.type')}
              required
              variant="outlined"
              fullWidth
              value={values.type}
              disabled={submitting}
              error={Boolean(typeProblem)}
              helperText={typeProblem}
              onChange={event =>
                set({
                  type:
                    SPEC_TYPES.find(type => type === event.target.value) ?? '',
                })
              }
              onBlur={() => touch('type')}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="">{t('specForm.chooseType')}</option>
              {SPEC_TYPES.map(type => (
                <option key={type} value={type}>
                  {t(`specType.${type}`)}
                </option>
              ))}
            </TextField>
            <TextField
              id={locationId}
              select
              label={t('fields.deployLocation')}
              required
              variant="outlined"
              fullWidth
              value={values.deployLocation}
              disabled={submitting}
              error={Boolean(locationProblem)}
              helperText={locationProblem}
              onChange={event =>
                set({
                  deployLocation:
                    DEPLOY_LOCATIONS.find(
                      location => location === event.target.value,
                    ) ?? '',
                })
              }
              onBlur={() => touch('deployLocation')}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="">{t('specForm.chooseDeployLocation')}</option>
              {DEPLOY_LOCATIONS.map(location => (
                <option key={location} value={location}>
                  {t(`deployLocation.${location}`)}
                </option>
              ))}
            </TextField>
            <CountedTextField
              label={t('fields.name')}
              value={values.name}
              onChange={name => set({ name })}
              onBlur={() => touch('name')}
              max={MAX_SPEC_NAME_LENGTH}
              problem={problemOf('name')}
              required
              disabled={submitting}
            />
            <CountedTextField
              label={t('fields.description')}
              value={values.description}
              onChange={description => set({ description })}
              onBlur={() => touch('description')}
              max={MAX_SPEC_DESCRIPTION_LENGTH}
              problem={problemOf('description')}
              required
              multiline
              disabled={submitting}
            />
            <FormControlLabel
              control={
                <Switch
                  color="primary"
                  checked={values.allowTrial}
                  disabled={submitting}
                  onChange={event => set({ allowTrial: event.target.checked })}
                />
              }
              label={t('specForm.allowTrial')}
            />
            {error && (
              <Alert
                role="alert"
                status="danger"
                icon
                title={failedTitle}
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
          {submitLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
