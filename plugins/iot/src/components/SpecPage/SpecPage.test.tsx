import { ConflictError, NotFoundError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { iotApiRef } from '../../api';
import { meterApp } from '../../__testUtils__/apps';
import { field } from '../../__testUtils__/cards';
import { recordDownloads } from '../../__testUtils__/download';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import {
  CurrentLocation,
  currentPath,
  iotMountedRoutes,
} from '../../__testUtils__/routes';
import { SpecPage } from './SpecPage';

stubReactFlowBrowser();

function renderPage(api = fakeIotApi(), specId = 'smart-parking-standard') {
  renderInTestApp(
    <>
      <Routes>
        <Route path="/iot/specs/:specId" element={<SpecPage />} />
      </Routes>
      <CurrentLocation />
    </>,
    {
      apis: [
        [iotApiRef, api],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: iotMountedRoutes,
      initialRouteEntries: [`/iot/specs/${specId}`],
    },
  );
  return api;
}

const heading = (name: string) => screen.findByRole('heading', { name });

describe('SpecPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it("shows the spec's fields and its dependency graph", async () => {
    const api = renderPage();

    expect(await heading('Smart Parking — standard')).toBeInTheDocument();
    expect(api.getSpec).toHaveBeenCalledWith('smart-parking-standard');
    expect(
      await within(field('App')).findByRole('link', { name: 'Smart Parking' }),
    ).toHaveAttribute('href', '/catalog/default/iotapp/smart-parking');
    expect(field('Type')).toHaveTextContent('General');
    expect(field('Deploy location')).toHaveTextContent('Public cloud');
    expect(field('7-day trial')).toHaveTextContent('Yes');
    expect(
      within(field('Images used')).getByRole('link', {
        name: 'parking-server 1.4.2',
      }),
    ).toHaveAttribute('href', '/catalog/default/iotimage/parking-server');
    expect(field('Description')).toHaveTextContent(
      'Public-cloud deployment for up to 5 000 parking bays.',
    );
    expect(within(field('Catalog entity')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/iotspec/smart-parking-standard',
    );
    expect(
      screen.getByRole('heading', { name: 'Dependency editor' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('group', { name: 'VPC parking-vpc' }),
    ).toBeInTheDocument();
    expect(api.getSpecGraph).toHaveBeenCalledWith('smart-parking-standard');
  });

  it('shows whether the spec passed its deployment test, and its test installs', async () => {
    const api = fakeIotApi();
    api.getSpec.mockResolvedValue({
      ...(await fakeIotApi().getSpec('smart-parking-standard')),
      passedDeploymentTest: true,
    });
    renderPage(api);

    expect(await heading('Smart Parking — standard')).toBeInTheDocument();
    expect(screen.getByText('Passed deployment test')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Deployment test' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/^No test installs yet — Start install deploys/),
    ).toBeInTheDocument();
    expect(api.listDeploymentTests).toHaveBeenCalledWith(
      'smart-parking-standard',
      { cursor: undefined },
    );
  });

  it('keeps the graph read-only while the app is in review', async () => {
    renderPage();
    expect(
      await screen.findByText(
        'Read-only: the app is in review, so its specs cannot be changed until a reviewer approves or rejects it.',
      ),
    ).toBeInTheDocument();
    await screen.findByRole('group', { name: 'VPC parking-vpc' });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('lets the owners edit the graph of a draft app', async () => {
    const api = fakeIotApi();
    api.getApp.mockResolvedValue(meterApp);
    renderPage(api);
    await screen.findByRole('group', { name: 'VPC parking-vpc' });
    expect(
      await screen.findByRole('button', { name: 'Add VPC' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(screen.queryByText(/Save the dependency graph first/)).toBeNull();

    // an unsaved change: the test would install the saved graph, not this one
    await userEvent.click(screen.getByRole('button', { name: 'Add VPC' }));
    expect(
      await screen.findByText(/Save the dependency graph first/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Start install' }),
    ).toBeDisabled();
  });

  it('edits the spec', async () => {
    const api = renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit spec' });

    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Allow 7-day trial' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.updateSpec).toHaveBeenCalledWith(
      'smart-parking-standard',
      expect.objectContaining({ allowTrial: false }),
    );
    expect(
      await screen.findByText('Saved Smart Parking — standard.'),
    ).toBeInTheDocument();
    expect(api.getSpec).toHaveBeenCalledTimes(2);
  });

  it('copies the spec and lands on the copy', async () => {
    const api = renderPage();
    api.getSpec.mockImplementation(async specId => ({
      ...(await fakeIotApi().getSpec('smart-parking-standard')),
      id: specId,
      name: specId === 'smart-parking-copy' ? 'Standard copy' : 'Standard',
    }));
    await userEvent.click(await screen.findByRole('button', { name: 'Copy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Copy spec' });
    const name = within(dialog).getByRole('textbox', {
      name: /^Name of the copy/,
    });
    await userEvent.clear(name);
    await userEvent.type(name, 'Standard copy');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));

    expect(api.copySpec).toHaveBeenCalledWith(
      'smart-parking-standard',
      'Standard copy',
    );
    expect(await heading('Standard copy')).toBeInTheDocument();
    expect(currentPath()).toBe('/iot/specs/smart-parking-copy');
  });

  it('exports the spec as a download', async () => {
    const downloads = recordDownloads();
    const api = renderPage();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Export' }),
    );

    expect(api.exportSpec).toHaveBeenCalledWith('smart-parking-standard');
    await waitFor(() =>
      expect(downloads.map(d => d.fileName)).toEqual([
        'smart-parking-standard.zip',
      ]),
    );
  });

  it("deletes the spec after confirmation and returns to the app's page", async () => {
    const api = renderPage();
    api.deleteSpec.mockRejectedValueOnce(
      new ConflictError('a deployment test of this spec is still running'),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Delete spec' });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'a deployment test of this spec is still running',
    );
    expect(currentPath()).toBe('/iot/specs/smart-parking-standard');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(currentPath()).toBe('/catalog/default/iotapp/smart-parking'),
    );
  });

  it('says when the spec cannot be loaded', async () => {
    const api = fakeIotApi();
    api.getSpec.mockRejectedValue(
      new NotFoundError("spec 'gone' does not exist"),
    );
    renderPage(api, 'gone');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Could not load the spec: spec 'gone' does not exist",
    );
  });
});
