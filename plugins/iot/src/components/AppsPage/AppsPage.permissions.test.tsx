import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { AppsPage } from './AppsPage';

// A file of its own: usePermission caches decisions per permission for the
// whole module, so a DENY would leak into the ALLOW tests of AppsPage.test.
describe('AppsPage for users who may not create apps', () => {
  function renderPage(api = fakeIotApi()) {
    renderInTestApp(<AppsPage />, {
      apis: [
        [iotApiRef, api],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
      mountedRoutes: iotMountedRoutes,
    });
  }

  it('lists the apps but offers no "New app", saying who may create apps', async () => {
    renderPage();

    expect(
      await screen.findByRole('link', { name: 'Smart Parking' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Creating apps is for members of an ISV group/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New app' })).toBeNull();
  });

  it('does not invite them to create a first app', async () => {
    const api = fakeIotApi();
    api.listApps.mockResolvedValue({ items: [], nextCursor: null });
    renderPage(api);

    expect(
      await screen.findByText(
        'No apps to show yet. Apps appear here once an ISV group creates them.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/create your first app/)).toBeNull();
  });
});
