import { githubAuthApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { PortalSignInPage } from './PortalSignInPage';

describe('PortalSignInPage', () => {
  it('offers the personas outside production', async () => {
    await renderInTestApp(<PortalSignInPage onSignInSuccess={jest.fn()} />, {
      config: { auth: { environment: 'development' } },
    });

    expect(
      screen.getByRole('button', { name: 'Sign in as alice' }),
    ).toBeInTheDocument();
  });

  it('offers GitHub and no personas in production', async () => {
    const githubAuthApi = {
      getBackstageIdentity: jest.fn().mockResolvedValue(undefined),
      getProfile: jest.fn().mockResolvedValue(undefined),
      sessionState$: jest.fn(),
      signIn: jest.fn(),
      signOut: jest.fn(),
    };
    await renderInTestApp(<PortalSignInPage onSignInSuccess={jest.fn()} />, {
      config: {
        app: { title: 'IoT Stage Portal' },
        auth: { environment: 'production' },
      },
      apis: [[githubAuthApiRef, githubAuthApi]],
    });

    expect(
      await screen.findByText('Sign in with your GitHub account'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'IoT Stage Portal' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Sign in as / }),
    ).not.toBeInTheDocument();
  });
});
