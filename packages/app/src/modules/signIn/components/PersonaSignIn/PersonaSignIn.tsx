import {
  Content,
  Header,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  IdentityApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { Button, Card, CardContent, Typography } from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { useCallback, useState } from 'react';
import { PersonaName, isPersonaName } from '../../personas';
import { signInTranslationRef } from '../../translation';
import { LanguageSwitch } from '../LanguageSwitch/LanguageSwitch';
import { PersonaPicker } from '../PersonaPicker/PersonaPicker';

/** Where the last chosen persona is kept, so a reload stays signed in. */
export const PERSONA_STORAGE_KEY = 'iot-stage:sign-in:persona';

function readStoredPersona(): PersonaName | undefined {
  const stored = window.localStorage.getItem(PERSONA_STORAGE_KEY);
  return isPersonaName(stored) ? stored : undefined;
}

// Signing out reloads the app; without forgetting the persona it would sign
// straight back in.
function forgetPersonaOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(PERSONA_STORAGE_KEY);
      await identity.signOut();
    },
  };
}

// The backend's own message ("User 'x' is not in the catalog ...") is the
// cause of the ResponseError; its message is only the HTTP status.
function describeError(error: Error | undefined): string | undefined {
  const cause = error?.cause;
  if (
    typeof cause === 'object' &&
    cause !== null &&
    'message' in cause &&
    typeof cause.message === 'string'
  ) {
    return cause.message;
  }
  return error?.message;
}

type PersonaSignInErrorProps = {
  persona: PersonaName;
  error?: Error;
  onBack(): void;
};

function PersonaSignInError({ persona, error, onBack }: PersonaSignInErrorProps) {
  const { t } = useTranslationRef(signInTranslationRef);
  return (
    <Card role="alert">
      <CardContent>
        <Typography variant="h6" component="h2" color="error" gutterBottom>
          {t('error.title', { name: persona })}
        </Typography>
        <Typography variant="body1" gutterBottom>
          {describeError(error)}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {t('error.hint', { name: persona })}
        </Typography>
        <Button
          variant="outlined"
          color="primary"
          startIcon={<ArrowBackIcon />}
          onClick={onBack}
        >
          {t('error.back')}
        </Button>
      </CardContent>
    </Card>
  );
}

/**
 * Local sign-in: pick a persona, then sign in through the backend's
 * `persona` auth provider. The choice is remembered until sign-out.
 */
export function PersonaSignIn({ onSignInSuccess }: SignInPageProps) {
  const { t } = useTranslationRef(signInTranslationRef);
  const [persona, setPersona] = useState(readStoredPersona);

  const choose = (name: PersonaName) => {
    window.localStorage.setItem(PERSONA_STORAGE_KEY, name);
    setPersona(name);
  };

  const backToPicker = useCallback(() => {
    window.localStorage.removeItem(PERSONA_STORAGE_KEY);
    setPersona(undefined);
  }, []);

  const ErrorComponent = useCallback(
    ({ error }: { error?: Error }) =>
      persona ? (
        <PersonaSignInError
          persona={persona}
          error={error}
          onBack={backToPicker}
        />
      ) : null,
    [persona, backToPicker],
  );

  return (
    <Page themeId="home">
      <Header title={t('title')} subtitle={t('subtitle')}>
        <LanguageSwitch />
      </Header>
      <Content>
        {persona ? (
          <ProxiedSignInPage
            key={persona}
            provider="persona"
            headers={{ 'x-backstage-persona': persona }}
            onSignInSuccess={identity =>
              onSignInSuccess(forgetPersonaOnSignOut(identity))
            }
            ErrorComponent={ErrorComponent}
          />
        ) : (
          <PersonaPicker onSelect={choose} />
        )}
      </Content>
    </Page>
  );
}
