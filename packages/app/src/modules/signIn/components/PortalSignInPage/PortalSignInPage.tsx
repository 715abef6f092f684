import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { signInTranslationRef } from '../../translation';
import { PersonaSignIn } from '../PersonaSignIn/PersonaSignIn';

/**
 * Production signs in with GitHub; everywhere else (auth.environment is
 * development by default) with a demo persona.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const { t } = useTranslationRef(signInTranslationRef);

  if (configApi.getOptionalString('auth.environment') === 'production') {
    return (
      <SignInPage
        {...props}
        auto
        provider={{
          id: 'github-auth-provider',
          title: 'GitHub',
          message: t('github.message'),
          apiRef: githubAuthApiRef,
        }}
      />
    );
  }
  return <PersonaSignIn {...props} />;
}
