import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import { iotApiRef } from '../../api';
import { app } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { AppSpecsContent } from './AppSpecsContent';

// A file of its own: usePermission caches decisions for the whole module.
describe('AppSpecsContent for users who may not change the app', () => {
  function renderTab(api = fakeIotApi()) {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    renderInTestApp(
      <EntityProvider entity={app}>
        <AppSpecsContent />
      </EntityProvider>,
      {
        apis: [
          [iotApiRef, api],
          catalogApiMock(),
          mockApis.permission({ authorize }),
        ],
        mountedRoutes: iotMountedRoutes,
      },
    );
    return authorize;
  }

  it('lists the specs with export only, saying who may change them', async () => {
    const authorize = renderTab();

    const row = await screen.findByRole('row', {
      name: /Smart Parking — standard/,
    });
    expect(
      await screen.findByText(
        "Only members of the app's owner group can add, change or delete its specs.",
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', {
        name: 'Export Smart Parking — standard',
      }),
    ).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(within(row).queryByRole('button', { name: /^Copy/ })).toBeNull();
    expect(within(row).queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New spec' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import spec' })).toBeNull();
    // asked about this app, by its entity ref
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'iot.app.update' }),
        resourceRef: 'iotapp:default/smart-parking',
      }),
    );
  });

  it('says the app has no specs without inviting them to add one', async () => {
    const api = fakeIotApi();
    api.listSpecs.mockResolvedValue({ items: [] });
    renderTab(api);

    expect(
      await screen.findByText('This app has no specs yet.'),
    ).toBeInTheDocument();
  });
});
