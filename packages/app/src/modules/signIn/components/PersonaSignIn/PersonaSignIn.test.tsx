import { renderInTestApp } from '@backstage/frontend-test-utils';
import { IdentityApi } from '@backstage/frontend-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PERSONA_STORAGE_KEY, PersonaSignIn } from './PersonaSignIn';

function jsonResponse(status: number, body: object) {
  return {
    ok: status < 400,
    status,
    statusText: status < 400 ? 'OK' : 'Unauthorized',
    headers: new Headers({ 'content-type': 'application/json' }),
    json: async () => body,
    text: async () => JSON.stringify(body),
  };
}

const aliceSession = {
  profile: { displayName: 'Alice Andersen', email: 'alice@acme.example' },
  backstageIdentity: {
    token: 'header.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWxpY2UifQ.signature',
    identity: {
      type: 'user',
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: ['user:default/alice', 'group:default/isv-acme'],
    },
  },
};

describe('PersonaSignIn', () => {
  const fetchMock = jest.fn();

  beforeEach(() => {
    window.localStorage.clear();
    fetchMock.mockReset();
    global.fetch = fetchMock;
  });

  function lastRequest() {
    const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1];
    return { url: String(url), headers: new Headers(init.headers) };
  }

  it('shows the picker under the portal heading', async () => {
    await renderInTestApp(<PersonaSignIn onSignInSuccess={jest.fn()} />);

    expect(
      screen.getByRole('heading', { name: 'IoT Stage Portal' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Sign in as / })).toHaveLength(
      6,
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in through the persona provider with the persona header and remembers it', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, aliceSession));
    const onSignInSuccess = jest.fn();
    await renderInTestApp(<PersonaSignIn onSignInSuccess={onSignInSuccess} />);

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as alice' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const { url, headers } = lastRequest();
    expect(url).toMatch(/\/auth\/persona\/refresh$/);
    expect(headers.get('x-backstage-persona')).toBe('alice');
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/alice',
    });
    expect(window.localStorage.getItem(PERSONA_STORAGE_KEY)).toBe('alice');
  });

  it('signs in again as the remembered persona after a reload, and forgets it on sign-out', async () => {
    window.localStorage.setItem(PERSONA_STORAGE_KEY, 'alice');
    fetchMock.mockResolvedValue(jsonResponse(200, aliceSession));
    const onSignInSuccess = jest.fn();
    await renderInTestApp(<PersonaSignIn onSignInSuccess={onSignInSuccess} />);

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(lastRequest().headers.get('x-backstage-persona')).toBe('alice');
    expect(
      screen.queryByRole('button', { name: /^Sign in as / }),
    ).not.toBeInTheDocument();

    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await identity.signOut();
    expect(window.localStorage.getItem(PERSONA_STORAGE_KEY)).toBeNull();
  });

  it("shows the backend's reason when sign-in fails and goes back to the picker", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(401, {
        error: {
          name: 'AuthenticationError',
          message: "User 'sue' is not in the catalog",
        },
        request: { method: 'GET', url: '/api/auth/persona/refresh' },
        response: { statusCode: 401 },
      }),
    );
    const onSignInSuccess = jest.fn();
    await renderInTestApp(<PersonaSignIn onSignInSuccess={onSignInSuccess} />);

    await userEvent.click(screen.getByRole('button', { name: 'Sign in as sue' }));

    expect(
      await screen.findByText("User 'sue' is not in the catalog"),
    ).toBeInTheDocument();
    expect(screen.getByText('Could not sign in as sue')).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Choose another persona' }),
    );

    expect(
      screen.getByRole('button', { name: 'Sign in as alice' }),
    ).toBeInTheDocument();
    expect(window.localStorage.getItem(PERSONA_STORAGE_KEY)).toBeNull();
  });
});
