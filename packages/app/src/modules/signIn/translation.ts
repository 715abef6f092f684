import {
  createTranslationRef,
  createTranslationResource,
} from '@backstage/frontend-plugin-api';

/** Texts of the sign-in page; Chinese is in translations/zh.ts. */
export const signInTranslationRef = createTranslationRef({
  id: 'app-sign-in',
  messages: {
    title: 'IoT Stage Portal',
    subtitle: 'Local sign-in with a demo persona',
    intro:
      'Pick who you want to be. Each persona is a demo user from catalog/org/users.yaml: you see the portal with exactly their groups and permissions. Sign out to switch.',
    localOnly:
      'Local development only: production signs in with GitHub instead.',
    signInAs: 'Sign in as {{name}}',
    personas: {
      alice: {
        role: 'ISV Acme IoT',
        description:
          "Uploads Acme's smart-city images, builds apps and specs, and submits them for review.",
      },
      bob: {
        role: 'ISV Globex',
        description:
          "Publishes Globex's manufacturing and energy apps: images, specs and review submissions.",
      },
      rita: {
        role: 'Reviewer',
        description:
          'Reviews submitted listings and approves or rejects them for the marketplace.',
      },
      ada: {
        role: 'ISV Acme IoT and reviewer',
        description:
          "Builds Acme's apps and reviews other vendors' listings; the portal refuses her decisions on Acme's own apps.",
      },
      sam: {
        role: 'SI Contoso',
        description:
          "Uses the marketplace for Contoso's city and campus projects: runs trials and owns devices.",
      },
      sue: {
        role: 'SI Initech',
        description:
          "Uses the marketplace for Initech's factory and utility projects: runs trials and owns devices.",
      },
    },
    error: {
      title: 'Could not sign in as {{name}}',
      hint: 'Check that the backend is running and that {{name}} is in the catalog.',
      back: 'Choose another persona',
    },
    language: 'Language',
    github: {
      message: 'Sign in with your GitHub account',
    },
  },
});

/** Languages besides English, registered by the sign-in module. */
export const signInTranslations = createTranslationResource({
  ref: signInTranslationRef,
  translations: {
    zh: () => import('./translations/zh'),
  },
});
