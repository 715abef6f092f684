import { createTranslationResource } from '@backstage/frontend-plugin-api';
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

/** Registers the translations with the app when the plugin is installed. */
export const iotTranslationExtension = TranslationBlueprint.make({
  params: { resource: iotTranslations },
});
