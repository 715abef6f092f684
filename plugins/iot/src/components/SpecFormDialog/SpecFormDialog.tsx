import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { useId } from 'react';
import { SpecFormField, SpecFormValues, checkSpecForm } from '../../lib/forms';
import { useFormFields } from '../../lib/useFormFields';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';
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
  const typeId = useId();
  const locationId = useId();
  const { values, set, touch, problemOf, checkAll } = useFormFields({
    open,
    initial: initial ?? EMPTY_SPEC,
    check: checkSpecForm,
    fields: ALL_FIELDS,
  });

  const submit = async () => {
    const { type, deployLocation } = values;
    if (!type || !deployLocation) {
      return;
    }
    await onSubmit({
      type,
      deployLocation,
      name: values.name.trim(),
      description: values.description.trim(),
      allowTrial: values.allowTrial,
    });
  };

  const typeProblem = problemOf('type');
  const locationProblem = problemOf('deployLocation');

  return (
    <ActionDialog
      open={open}
      title={title}
      submitLabel={submitLabel}
      failedTitle={failedTitle}
      width={560}
      canSubmit={checkAll}
      onSubmit={submit}
      onClose={onClose}
    >
      {({ pending: submitting }) => (
        <>
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
        </>
      )}
    </ActionDialog>
  );
}
