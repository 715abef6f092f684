import { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { iotTranslationRef } from '../../translation';

// Same label and value styles as the catalog's About card, so the cards of
// an IoT entity page read as one page.
const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: theme.spacing(2, 3),
    margin: 0,
  },
  wide: {
    gridColumn: '1 / -1',
  },
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '10px',
    fontWeight: 'bold',
    letterSpacing: 0.5,
    marginBottom: theme.spacing(1),
  },
  value: {
    margin: 0,
    fontWeight: 'bold',
    lineHeight: '24px',
    wordBreak: 'break-word',
  },
}));

/** Label/value pairs laid out like the catalog's About card. */
export function FieldList(props: { children: ReactNode }) {
  const classes = useStyles();
  return <dl className={classes.list}>{props.children}</dl>;
}

export interface FieldProps {
  label: string;
  children: ReactNode;
  /** Span the whole row, for long values such as a description. */
  wide?: boolean;
}

export function Field(props: FieldProps) {
  const { label, children, wide } = props;
  const classes = useStyles();
  return (
    <div className={wide ? classes.wide : undefined}>
      <Typography component="dt" className={classes.label}>
        {label}
      </Typography>
      <Typography component="dd" variant="body2" className={classes.value}>
        {children}
      </Typography>
    </div>
  );
}

/** The entity's description across the whole row, if it has one. */
export function DescriptionField(props: { entity: Entity }) {
  const { t } = useTranslationRef(iotTranslationRef);
  const { description } = props.entity.metadata;
  if (!description) {
    return null;
  }
  return (
    <Field label={t('fields.description')} wide>
      {description}
    </Field>
  );
}
