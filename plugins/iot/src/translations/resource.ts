import {
  createFrontendModule,
  createTranslationResource,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { iotTranslationRef } from '../translation';

/**
 * Languages other than English, loaded on demand when the user switches
 * the app language.
 *
 * @public
 */
export const iotTranslations = createTranslationResource({
  ref: iotTranslationRef,
  translations: {
    zh: () => import('./zh'),
  },
});

/**
 * Registers the translations with the app. Translations attach to an input
 * that only the app's own modules may fill, so this is a module of the
 * `app` plugin for the app to install, not an extension of the iot plugin.
 *
 * @public
 */
export const iotTranslationsModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    TranslationBlueprint.make({
      name: 'iot',
      params: { resource: iotTranslations },
    }),
  ],
});
