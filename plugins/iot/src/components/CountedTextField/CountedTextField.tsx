import { useTranslationRef } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import { iotTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  helper: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
  counter: {
    marginLeft: 'auto',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  },
}));

export interface CountedTextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Most characters allowed; the counter shows "used/max". */
  max: number;
  /** What is wrong with the value, already in words; marks the field invalid. */
  problem?: string;
  required?: boolean;
  multiline?: boolean;
  disabled?: boolean;
}

/** A text field with a live "used/max" character counter (APP-1, SPEC-1). */
export function CountedTextField(props: CountedTextFieldProps) {
  const {
    label,
    value,
    onChange,
    onBlur,
    max,
    problem,
    required,
    multiline,
    disabled,
  } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(iotTranslationRef);
  const id = useId();
  return (
    <TextField
      id={id}
      label={label}
      value={value}
      onChange={event => onChange(event.target.value)}
      onBlur={onBlur}
      required={required}
      multiline={multiline}
      minRows={multiline ? 3 : undefined}
      disabled={disabled}
      error={Boolean(problem)}
      variant="outlined"
      fullWidth
      helperText={
        <span className={classes.helper}>
          {problem && <span>{problem}</span>}
          <span className={classes.counter}>
            {t('forms.counter', {
              used: String(value.length),
              max: String(max),
            })}
          </span>
        </span>
      }
    />
  );
}
