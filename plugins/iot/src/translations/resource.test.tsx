import {
  appLanguageApiRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { iotTranslationRef } from '../translation';
import { iotTranslationsModule } from './resource';

/** The app's language API, fixed to `language`. */
function languageApi(language: string) {
  return {
    getAvailableLanguages: () => ({ languages: ['en', 'zh'] }),
    getLanguage: () => ({ language }),
    language$: () => ({
      subscribe: () => ({ unsubscribe: () => {}, closed: false }),
      [Symbol.observable]() {
        return this;
      },
    }),
    setLanguage: jest.fn(),
  };
}

function Labels() {
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <ul>
      <li>{t('appsPage.listTitle')}</li>
      <li>{t('specType.general')}</li>
      <li>{t('deployLocation.edge-site')}</li>
      <li>{t('reviewStatus.in-review')}</li>
    </ul>
  );
}

describe('iotTranslationsModule', () => {
  it('gives the app the Chinese texts of the plugin', async () => {
    renderInTestApp(<Labels />, {
      features: [iotTranslationsModule],
      apis: [[appLanguageApiRef, languageApi('zh')]],
    });

    expect(await screen.findByText('我的应用')).toBeInTheDocument();
    expect(screen.getByText('通用')).toBeInTheDocument();
    expect(screen.getByText('边缘站点')).toBeInTheDocument();
    expect(screen.getByText('审核中')).toBeInTheDocument();
  });
});
