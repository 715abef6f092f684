import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { SpecPage } from './SpecPage';

stubReactFlowBrowser();

// A file of its own: usePermission caches decisions for the whole module.
describe('SpecPage for users who may not change the app', () => {
  it('shows the spec with export only, saying who may change it', async () => {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    renderInTestApp(
      <Routes>
        <Route path="/iot/specs/:specId" element={<SpecPage />} />
      </Routes>,
      {
        apis: [
          [iotApiRef, fakeIotApi()],
          catalogApiMock(),
          mockApis.permission({ authorize }),
        ],
        mountedRoutes: iotMountedRoutes,
        initialRouteEntries: ['/iot/specs/smart-parking-standard'],
      },
    );

    expect(
      await screen.findByText(
        "Only members of the app's owner group can change or delete this spec.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export' })).toBeInTheDocument();
    for (const name of ['Edit', 'Copy', 'Delete']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    // the graph, its plan and exports, but no editing
    expect(
      await screen.findByText(
        "Read-only: only members of the app's owner group can change this graph. Its plan and exports are open to you.",
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('group', { name: 'VPC parking-vpc' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add VPC' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    // they see the test installs, but cannot start one
    expect(
      await screen.findByText(
        "Only members of the app's owner group can test-deploy this spec.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Start install' }),
    ).toBeDisabled();
    // writes to a spec are asked about its app
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'iot.app.delete' }),
        resourceRef: 'iotapp:default/smart-parking',
      }),
    );
  });
});
