import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  TranslationBlueprint,
} from '@backstage/plugin-app-react';
import { signInTranslations } from './translation';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: () =>
      import('./components/PortalSignInPage/PortalSignInPage').then(
        m => m.PortalSignInPage,
      ),
  },
});

const signInTranslation = TranslationBlueprint.make({
  name: 'sign-in',
  params: { resource: signInTranslations },
});

/** Replaces the app's guest sign-in: personas locally, GitHub in production. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, signInTranslation],
});
