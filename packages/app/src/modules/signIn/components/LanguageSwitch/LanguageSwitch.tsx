import {
  appLanguageApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { Button, ButtonGroup, makeStyles } from '@material-ui/core';
import { useEffect, useState } from 'react';
import { signInTranslationRef } from '../../translation';

// Sits on the page header, which is drawn in the theme's page colours.
const useStyles = makeStyles(theme => ({
  button: {
    color: theme.palette.common.white,
    borderColor: 'rgba(255, 255, 255, 0.6)',
  },
  current: {
    backgroundColor: 'rgba(255, 255, 255, 0.2)',
  },
}));

function languageName(language: string) {
  return (
    new Intl.DisplayNames([language], { type: 'language' }).of(language) ??
    language
  );
}

/**
 * Switches the app language before sign-in, when the settings page is not
 * reachable yet. Hidden unless the app offers more than one language.
 */
export function LanguageSwitch() {
  const classes = useStyles();
  const languageApi = useApi(appLanguageApiRef);
  const { t } = useTranslationRef(signInTranslationRef);
  const [current, setCurrent] = useState(
    () => languageApi.getLanguage().language,
  );

  useEffect(() => {
    const subscription = languageApi
      .language$()
      .subscribe(({ language }) => setCurrent(language));
    return () => subscription.unsubscribe();
  }, [languageApi]);

  const { languages } = languageApi.getAvailableLanguages();
  if (languages.length < 2) {
    return null;
  }

  return (
    <ButtonGroup size="small" variant="outlined" aria-label={t('language')}>
      {languages.map(language => (
        <Button
          key={language}
          lang={language}
          aria-pressed={language === current}
          className={
            language === current
              ? `${classes.button} ${classes.current}`
              : classes.button
          }
          onClick={() => languageApi.setLanguage(language)}
        >
          {languageName(language)}
        </Button>
      ))}
    </ButtonGroup>
  );
}
