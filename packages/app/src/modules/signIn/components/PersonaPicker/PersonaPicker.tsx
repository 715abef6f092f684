import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Avatar,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  Grid,
  Typography,
  makeStyles,
} from '@material-ui/core';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import RateReviewIcon from '@material-ui/icons/RateReview';
import { PersonaKind, PersonaName, personas } from '../../personas';
import { signInTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  intro: {
    maxWidth: '60em',
    marginBottom: theme.spacing(3),
  },
  card: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
  },
  content: {
    flexGrow: 1,
  },
  who: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  role: {
    marginBottom: theme.spacing(1.5),
  },
  isv: { backgroundColor: theme.palette.primary.main, color: '#fff' },
  reviewer: { backgroundColor: theme.palette.secondary.main, color: '#fff' },
  si: { backgroundColor: theme.palette.success.main, color: '#fff' },
  localOnly: {
    display: 'block',
    marginTop: theme.spacing(3),
  },
}));

const kindIcons: Record<PersonaKind, typeof CloudUploadIcon> = {
  isv: CloudUploadIcon,
  reviewer: RateReviewIcon,
  si: DeviceHubIcon,
};

export type PersonaPickerProps = {
  onSelect(name: PersonaName): void;
};

/** One card per demo persona, each with its own sign-in button. */
export function PersonaPicker({ onSelect }: PersonaPickerProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(signInTranslationRef);

  return (
    <>
      <Typography variant="body1" className={classes.intro}>
        {t('intro')}
      </Typography>
      <Grid container spacing={3}>
        {personas.map(persona => {
          const KindIcon = kindIcons[persona.kind];
          return (
            <Grid item xs={12} sm={6} md={4} key={persona.name}>
              <Card
                className={classes.card}
                data-testid={`persona-${persona.name}`}
              >
                <CardContent className={classes.content}>
                  <div className={classes.who}>
                    <Avatar className={classes[persona.kind]}>
                      <KindIcon />
                    </Avatar>
                    <div>
                      <Typography variant="h6" component="h2">
                        {persona.displayName}
                      </Typography>
                      <Typography variant="body2" color="textSecondary">
                        {persona.name}
                      </Typography>
                    </div>
                  </div>
                  <Chip
                    size="small"
                    variant="outlined"
                    className={classes.role}
                    label={t(`personas.${persona.name}.role`)}
                  />
                  <Typography variant="body2">
                    {t(`personas.${persona.name}.description`)}
                  </Typography>
                </CardContent>
                <CardActions>
                  <Button
                    variant="contained"
                    color="primary"
                    fullWidth
                    onClick={() => onSelect(persona.name)}
                  >
                    {t('signInAs', { name: persona.name })}
                  </Button>
                </CardActions>
              </Card>
            </Grid>
          );
        })}
      </Grid>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.localOnly}
      >
        {t('localOnly')}
      </Typography>
    </>
  );
}
