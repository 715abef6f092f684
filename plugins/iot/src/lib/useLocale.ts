import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import useObservable from 'react-use/esm/useObservable';

/** The app's current language, for number and date formatting. */
export function useLocale(): string {
  const languageApi = useApi(appLanguageApiRef);
  const { language } = useObservable(
    languageApi.language$(),
    languageApi.getLanguage(),
  );
  return language;
}
