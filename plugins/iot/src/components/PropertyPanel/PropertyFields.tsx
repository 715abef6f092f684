import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Button, Flex } from '@backstage/ui';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import CloseIcon from '@material-ui/icons/Close';
import { ReactNode, useEffect, useId, useState } from 'react';
import { iotTranslationRef } from '../../translation';
import { PropertySchema } from './schema';

/** What every property field gets. */
export type FieldProps = {
  label: string;
  schema: PropertySchema;
  /** The property's value; undefined while unset, when the schema's default applies. */
  value: unknown;
  onChange: (value: unknown) => void;
  /** The problems of this property, as one line. */
  error?: string;
  required?: boolean;
  disabled: boolean;
};

const useStyles = makeStyles(theme => ({
  fieldset: {
    width: '100%',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 1.5, 1.5),
    margin: 0,
  },
  legend: {
    padding: theme.spacing(0, 0.5),
    fontSize: theme.typography.caption.fontSize,
  },
  item: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
    paddingBottom: theme.spacing(1),
    marginBottom: theme.spacing(1),
    borderBottom: `1px dashed ${theme.palette.divider}`,
  },
  itemFields: {
    flex: 1,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))',
    gap: theme.spacing(1),
  },
}));

const textOf = (value: unknown) =>
  value === undefined || value === null ? '' : String(value);

export function TextProperty(props: FieldProps) {
  const { label, schema, value, onChange, error, required, disabled } = props;
  const id = useId();
  return (
    <TextField
      id={id}
      label={label}
      variant="outlined"
      size="small"
      fullWidth
      required={required}
      disabled={disabled}
      value={textOf(value)}
      placeholder={textOf(schema.default)}
      error={Boolean(error)}
      helperText={error}
      inputProps={{ maxLength: schema.maxLength }}
      onChange={event =>
        onChange(event.target.value === '' ? undefined : event.target.value)
      }
    />
  );
}

/** The typed text says `value` (so an outside change need not replace it). */
function saysValue(text: string, value: unknown) {
  return text.trim() === ''
    ? value === undefined
    : Number(text) === value || text === value;
}

export function NumberProperty(props: FieldProps) {
  const { label, schema, value, onChange, error, required, disabled } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const id = useId();
  // What is typed, kept while it says the value: "0." must not become "0".
  const [text, setText] = useState(textOf(value));
  useEffect(() => {
    setText(previous =>
      saysValue(previous, value) ? previous : textOf(value),
    );
  }, [value]);

  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum ?? schema.exclusiveMaximum;
  const range =
    min !== undefined && max !== undefined
      ? t('propertyPanel.range', { min: String(min), max: String(max) })
      : undefined;
  return (
    <TextField
      id={id}
      label={label}
      type="number"
      variant="outlined"
      size="small"
      fullWidth
      required={required}
      disabled={disabled}
      value={text}
      placeholder={textOf(schema.default)}
      error={Boolean(error)}
      helperText={error ?? range}
      inputProps={{
        min,
        max,
        step: schema.multipleOf ?? (schema.type === 'integer' ? 1 : 'any'),
      }}
      onChange={event => {
        setText(event.target.value);
        onChange(
          event.target.value.trim() === ''
            ? undefined
            : Number(event.target.value),
        );
      }}
    />
  );
}

export function EnumProperty(
  props: FieldProps & { optionLabel: (value: string) => string },
) {
  const { label, schema, value, onChange, error, required, disabled } = props;
  const { optionLabel } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const id = useId();
  const options = (schema.enum ?? []).map(String);
  const current = textOf(value ?? schema.default);
  return (
    <TextField
      id={id}
      select
      label={label}
      variant="outlined"
      size="small"
      fullWidth
      required={required}
      disabled={disabled}
      value={current}
      error={Boolean(error)}
      helperText={error}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      onChange={event =>
        onChange(event.target.value === '' ? undefined : event.target.value)
      }
    >
      {(current === '' || !options.includes(current)) && (
        <option value={current}>
          {current === '' ? t('propertyPanel.choose') : current}
        </option>
      )}
      {options.map(option => (
        <option key={option} value={option}>
          {optionLabel(option)}
        </option>
      ))}
    </TextField>
  );
}

export function BooleanProperty(props: FieldProps) {
  const { label, schema, value, onChange, error, disabled } = props;
  return (
    <FormControl error={Boolean(error)}>
      <FormControlLabel
        label={label}
        disabled={disabled}
        control={
          <Switch
            color="primary"
            checked={(value ?? schema.default) === true}
            onChange={event => onChange(event.target.checked)}
          />
        }
      />
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}

/** A group of labelled inputs, like a field of its own. */
export function PropertyGroup(props: {
  label: string;
  error?: string;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <FormControl
      component="fieldset"
      error={Boolean(props.error)}
      className={classes.fieldset}
    >
      <FormLabel component="legend" className={classes.legend}>
        {props.label}
      </FormLabel>
      {props.children}
      {props.error && <FormHelperText>{props.error}</FormHelperText>}
    </FormControl>
  );
}

/** A list of choices, e.g. the protocols of an IoT device access instance. */
export function EnumListProperty(
  props: FieldProps & {
    optionLabel: (value: string) => string;
    /** Problems of single items (`protocols[1]`), by index. */
    itemError: (index: number) => string | undefined;
  },
) {
  const { label, schema, value, onChange, error, disabled } = props;
  const { optionLabel, itemError } = props;
  const current = value ?? schema.default;
  const chosen = Array.isArray(current) ? current.map(String) : [];
  const options = (schema.items?.enum ?? []).map(String);
  const itemErrors = chosen
    .map((_, index) => itemError(index))
    .filter((text): text is string => Boolean(text));
  return (
    <PropertyGroup
      label={label}
      error={[error, ...itemErrors].filter(Boolean).join(' · ') || undefined}
    >
      <FormGroup row>
        {options.map(option => (
          <FormControlLabel
            key={option}
            label={optionLabel(option)}
            disabled={disabled}
            control={
              <Checkbox
                color="primary"
                checked={chosen.includes(option)}
                onChange={event =>
                  onChange(
                    event.target.checked
                      ? options.filter(o => o === option || chosen.includes(o))
                      : chosen.filter(o => o !== option),
                  )
                }
              />
            }
          />
        ))}
      </FormGroup>
    </PropertyGroup>
  );
}

/**
 * A list of small records, e.g. the ports of a workload: a row of fields per
 * item, remove per item, add at the end.
 */
export function ObjectListProperty(
  props: FieldProps & {
    newItem: () => Record<string, unknown>;
    /** The editor of one field of one item. */
    renderField: (
      index: number,
      key: string,
      schema: PropertySchema,
      required: boolean,
      item: Record<string, unknown>,
      setItem: (item: Record<string, unknown>) => void,
    ) => ReactNode;
  },
) {
  const { label, schema, value, onChange, error, disabled } = props;
  const { newItem, renderField } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const current = value ?? schema.default;
  const items = Array.isArray(current)
    ? (current as Record<string, unknown>[])
    : [];
  const itemSchema = schema.items ?? {};
  const required = new Set(itemSchema.required ?? []);
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;

  const setItems = (next: Record<string, unknown>[]) => onChange(next);
  return (
    <PropertyGroup label={label} error={error}>
      {items.map((item, index) => (
        <div key={index} className={classes.item}>
          <div className={classes.itemFields}>
            {Object.entries(itemSchema.properties ?? {}).map(([key, sub]) =>
              renderField(index, key, sub, required.has(key), item, changed =>
                setItems(items.map((it, i) => (i === index ? changed : it))),
              ),
            )}
          </div>
          {!disabled && (
            <IconButton
              size="small"
              aria-label={t('propertyPanel.removeItem', {
                label,
                number: String(index + 1),
              })}
              onClick={() => setItems(items.filter((_, i) => i !== index))}
            >
              <CloseIcon fontSize="small" />
            </IconButton>
          )}
        </div>
      ))}
      {!disabled && (
        <Flex>
          <Button
            size="small"
            variant="secondary"
            iconStart={<AddIcon fontSize="small" />}
            isDisabled={full}
            onPress={() => setItems([...items, newItem()])}
          >
            {t('propertyPanel.addItem', { label })}
          </Button>
        </Flex>
      )}
    </PropertyGroup>
  );
}
