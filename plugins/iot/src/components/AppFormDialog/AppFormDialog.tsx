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
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import {
  MAX_APP_DESCRIPTION_LENGTH,
  MAX_APP_NAME_LENGTH,
} from '@internal/backstage-plugin-iot-common';
import { FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import {
  AppFormField,
  AppFormValues,
  checkAppForm,
  hasProblems,
} from '../../lib/forms';
import { fieldProblemText } from '../../lib/labels';
import { useAppTaxonomy } from '../../lib/useAppTaxonomy';
import { iotTranslationRef } from '../../translation';
import { CountedTextField } from '../CountedTextField';
import { LoadFailedAlert } from '../LoadFailedAlert';

const EMPTY_APP: AppFormValues = {
  name: '',
  industry: '',
  scenario: '',
  description: '',
};

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
  const formId = useId();
  const industryId = useId();
  const scenarioId = useId();
  const taxonomy = useAppTaxonomy();
  const [values, setValues] = useState<AppFormValues>(initial ?? EMPTY_APP);
  const [touched, setTouched] = useState<ReadonlySet<AppFormField>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setValues(initial ?? EMPTY_APP);
      setTouched(new Set());
      setError(undefined);
      setSubmitting(false);
    }
  }, [open, initial]);

  const problems = checkAppForm(values);
  // A field says what is wrong once left, or at once when it is too long.
  const problemOf = (field: AppFormField) => {
    const problem = problems[field];
    return problem && (touched.has(field) || problem.problem === 'too-long')
      ? fieldProblemText(t, problem)
      : undefined;
  };
  const touch = (field: AppFormField) =>
    setTouched(previous => new Set(previous).add(field));
  const set = (changes: Partial<AppFormValues>) =>
    setValues(previous => ({ ...previous, ...changes }));

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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(new Set(Object.keys(EMPTY_APP) as AppFormField[]));
    if (hasProblems(problems) || submitting) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit({ ...values, name: values.name.trim() });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const busy = submitting || Boolean(progress);
  const scenarioProblem = problemOf('scenario');
  const industryProblem = problemOf('industry');

  return (
    <Dialog
      isOpen={open}
      isDismissable={!busy}
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
        <Button variant="secondary" onPress={onClose} isDisabled={busy}>
          {t('dialogs.cancel')}
        </Button>
        <Button variant="primary" type="submit" form={formId} isPending={busy}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
