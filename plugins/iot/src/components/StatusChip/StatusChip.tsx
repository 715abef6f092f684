import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';

/** Colour families of a status, mapped onto the theme's palette. */
export type StatusTone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

const toneColor = (theme: Theme, tone: StatusTone): string => {
  switch (tone) {
    case 'info':
      return theme.palette.info.main;
    case 'success':
      return theme.palette.success.main;
    case 'danger':
      return theme.palette.error.main;
    case 'warning':
      return theme.palette.warning.main;
    default:
      return theme.palette.grey[500];
  }
};

const useStyles = makeStyles<Theme, { tone: StatusTone }>(theme => ({
  chip: ({ tone }) => ({
    backgroundColor: toneColor(theme, tone),
    color: theme.palette.getContrastText(toneColor(theme, tone)),
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  }),
}));

export interface StatusChipProps {
  label: string;
  tone: StatusTone;
}

export function StatusChip(props: StatusChipProps) {
  const { label, tone } = props;
  const classes = useStyles({ tone });
  return (
    <Chip
      size="small"
      label={label}
      className={classes.chip}
      data-tone={tone}
    />
  );
}
