import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import {
  MAX_APP_DESCRIPTION_LENGTH,
  MAX_APP_NAME_LENGTH,
} from '@internal/backstage-plugin-iot-common';
import { useId, useMemo } from 'react';
import { errorMessage } from '../../lib/errors';
import { AppFormField, AppFormValues, checkAppForm } from '../../lib/forms';
import { useAppTaxonomy } from '../../lib/useAppTaxonomy';
import { useFormFields } from '../../lib/useFormFields';
import { iotTranslationRef } from '../../translation';
import { ActionDialog } from '../ActionDialog';
import { CountedTextField } from '../CountedTextField';
import { LoadFailedAlert } from '../LoadFailedAlert';

const EMPTY_APP: AppFormValues = {
  name: '',
  industry: '',
  scenario: '',
  description: '',
};

const ALL_FIELDS = Object.keys(EMPTY_APP) as AppFormField[];

export interface AppFormDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  /** Heading of the server's refusal. */
  failedTitle: string;
  /** The app being edited; a new app starts empty. */
  initial?: AppFormValues;
  /**
   * Set while the saved app is being followed up, e.g. "Publishing to the
   * catalog…": the form waits and says so.
   */
  progress?: string;
  /** Saves the checked values; a rejection is shown in the dialog. */
  onSubmit: (values: AppFormValues) => Promise<void>;
  onClose: () => void;
}

/**
 * The app form of "New app" and "Edit" (APP-1, APP-2): name, industry and
 * scenario from the taxonomy, description with a live counter. Checks the
 * server's limits before sending and shows the server's refusal.
 */
export function AppFormDialog(props: AppFormDialogProps) {
  const {
    open,
    title,
    submitLabel,
    failedTitle,
    initial,
    progress,
    onSubmit,
    onClose,
  } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const industryId = useId();
  const scenarioId = useId();
  const taxonomy = useAppTaxonomy();
  const { values, set, touch, problemOf, checkAll } = useFormFields({
    open,
    initial: initial ?? EMPTY_APP,
    check: checkAppForm,
    fields: ALL_FIELDS,
  });

  const industries = useMemo(() => {
    const known = taxonomy.taxonomy?.industries ?? [];
    // An app keeps an industry the taxonomy no longer lists until changed.
    const current = initial?.industry;
    return current && !known.some(i => i.id === current)
      ? [...known, { id: current, label: current, scenarios: [] }]
      : known;
  }, [taxonomy.taxonomy, initial]);
  const scenarios = useMemo(() => {
    const known =
      industries.find(i => i.id === values.industry)?.scenarios ?? [];
    const current = initial?.scenario;
    return current &&
      values.industry === initial?.industry &&
      !known.some(s => s.id === current)
      ? [...known, { id: current, label: current }]
      : known;
  }, [industries, values.industry, initial]);

  const scenarioProblem = problemOf('scenario');
  const industryProblem = problemOf('industry');

  return (
    <ActionDialog
      open={open}
      title={title}
      submitLabel={submitLabel}
      failedTitle={failedTitle}
      width={560}
      busy={Boolean(progress)}
      canSubmit={checkAll}
      onSubmit={() => onSubmit({ ...values, name: values.name.trim() })}
      onClose={onClose}
    >
      {({ pending: busy }) => (
        <>
          <CountedTextField
            label={t('fields.name')}
            value={values.name}
            onChange={name => set({ name })}
            onBlur={() => touch('name')}
            max={MAX_APP_NAME_LENGTH}
            problem={problemOf('name')}
            required
            disabled={busy}
          />
          {taxonomy.error && (
            <LoadFailedAlert
              title={t('appForm.taxonomyFailed', {
                message: errorMessage(taxonomy.error),
              })}
              onRetry={taxonomy.retry}
            />
          )}
          <TextField
            id={industryId}
            select
            label={t('fields.industry')}
            required
            variant="outlined"
            fullWidth
            value={values.industry}
            disabled={busy || taxonomy.loading}
            error={Boolean(industryProblem)}
            helperText={industryProblem}
            onChange={event =>
              set({ industry: event.target.value, scenario: '' })
            }
            onBlur={() => touch('industry')}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            <option value="">
              {taxonomy.loading
                ? t('appForm.loadingTaxonomy')
                : t('appForm.chooseIndustry')}
            </option>
            {industries.map(industry => (
              <option key={industry.id} value={industry.id}>
                {taxonomy.labels.industry(industry.id)}
              </option>
            ))}
          </TextField>
          <TextField
            id={scenarioId}
            select
            label={t('fields.scenario')}
            required
            variant="outlined"
            fullWidth
            value={values.scenario}
            disabled={busy || !values.industry}
            error={Boolean(scenarioProblem)}
            helperText={scenarioProblem}
            onChange={event => set({ scenario: event.target.value })}
            onBlur={() => touch('scenario')}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            <option value="">
              {values.industry
                ? t('appForm.chooseScenario')
                : t('appForm.chooseIndustryFirst')}
            </option>
            {scenarios.map(scenario => (
              <option key={scenario.id} value={scenario.id}>
                {taxonomy.labels.scenario(values.industry, scenario.id)}
              </option>
            ))}
          </TextField>
          <CountedTextField
            label={t('fields.description')}
            value={values.description}
            onChange={description => set({ description })}
            onBlur={() => touch('description')}
            max={MAX_APP_DESCRIPTION_LENGTH}
            problem={problemOf('description')}
            multiline
            disabled={busy}
          />
          {progress && (
            <Flex align="center" gap="2" role="status">
              <CircularProgress size={20} aria-hidden />
              <Text as="span">{progress}</Text>
            </Flex>
          )}
        </>
      )}
    </ActionDialog>
  );
}
