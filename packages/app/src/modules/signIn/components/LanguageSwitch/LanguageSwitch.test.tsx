import { appLanguageApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LanguageSwitch } from './LanguageSwitch';

function languageApi(languages: string[]) {
  return {
    getAvailableLanguages: () => ({ languages }),
    getLanguage: () => ({ language: 'en' }),
    language$: () => ({
      subscribe: () => ({ unsubscribe: () => {}, closed: false }),
      [Symbol.observable]() {
        return this;
      },
    }),
    setLanguage: jest.fn(),
  };
}

describe('LanguageSwitch', () => {
  it('switches between the available languages', async () => {
    const api = languageApi(['en', 'zh']);
    await renderInTestApp(<LanguageSwitch />, {
      apis: [[appLanguageApiRef, api]],
    });

    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await userEvent.click(screen.getByRole('button', { name: '中文' }));

    expect(api.setLanguage).toHaveBeenCalledWith('zh');
  });

  it('is hidden when the app offers one language', async () => {
    await renderInTestApp(<LanguageSwitch />, {
      apis: [[appLanguageApiRef, languageApi(['en'])]],
    });

    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
