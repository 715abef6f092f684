import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import { useId } from 'react';

const ALL = 'all';

const useStyles = makeStyles({
  // wide enough for the labels on one line, in both languages
  select: { minWidth: 180 },
});

export interface SearchFilterProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
}

/** The search box of a list page: a search field with its icon. */
export function SearchFilter(props: SearchFilterProps) {
  const { label, value, onChange, maxLength } = props;
  const id = useId();
  return (
    <TextField
      id={id}
      type="search"
      label={label}
      value={value}
      inputProps={maxLength ? { maxLength } : undefined}
      onChange={event => onChange(event.target.value)}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" aria-hidden />
          </InputAdornment>
        ),
      }}
    />
  );
}

export interface SelectFilterProps<T extends string> {
  label: string;
  /** The chosen value; undefined is the "all" choice. */
  value: T | undefined;
  /** The choices, in order, with their labels. */
  options: ReadonlyArray<{ value: T; label: string }>;
  /** Label of the choice that filters nothing. */
  allLabel: string;
  onChange: (value: T | undefined) => void;
}

/** A filter of a list page: one of a fixed set of values, or all of them. */
export function SelectFilter<T extends string>(props: SelectFilterProps<T>) {
  const { label, value, options, allLabel, onChange } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <TextField
      id={id}
      className={classes.select}
      select
      label={label}
      value={value ?? ALL}
      onChange={event =>
        onChange(
          options.find(option => option.value === event.target.value)?.value,
        )
      }
      SelectProps={{ native: true }}
    >
      <option value={ALL}>{allLabel}</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
