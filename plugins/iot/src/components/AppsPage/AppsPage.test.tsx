import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { meterApp, smartParkingApp } from '../../__testUtils__/apps';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { AppsPage } from './AppsPage';

function renderPage(api = fakeIotApi()) {
  renderInTestApp(<AppsPage />, {
    apis: [
      [iotApiRef, api],
      catalogApiMock(),
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    mountedRoutes: iotMountedRoutes,
  });
  return api;
}

const appLink = (name: string) => screen.findByRole('link', { name });

describe('AppsPage', () => {
  it('lists the apps with industry, scenario, review status and spec count', async () => {
    const api = renderPage();

    expect(await appLink('Smart Parking')).toHaveAttribute(
      'href',
      '/catalog/default/iotapp/smart-parking',
    );
    const row = screen.getByRole('row', { name: /Smart Parking/ });
    await waitFor(() => expect(row).toHaveTextContent('Smart city'));
    expect(row).toHaveTextContent('Smart parking');
    expect(
      within(row).getByText('In review').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'info');
    expect(within(row).getAllByRole('cell')[4]).toHaveTextContent(/^2$/);
    expect(
      within(screen.getByRole('row', { name: /Grid Meter/ }))
        .getByText('Draft')
        .closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'neutral');
    expect(api.listApps).toHaveBeenCalledTimes(1);
    expect(api.listApps).toHaveBeenCalledWith({
      name: undefined,
      reviewStatus: undefined,
      limit: 20,
      cursor: undefined,
    });
  });

  it('sends the name search and the review status filter to the server', async () => {
    const api = renderPage();
    await appLink('Smart Parking');

    await userEvent.type(screen.getByLabelText('Search by name'), 'park');
    await waitFor(() =>
      expect(api.listApps).toHaveBeenLastCalledWith(
        expect.objectContaining({ name: 'park', reviewStatus: undefined }),
      ),
    );
    // the search waits for a pause in typing
    expect(api.listApps).toHaveBeenCalledTimes(2);

    await userEvent.selectOptions(
      screen.getByLabelText('Review status'),
      'In review',
    );
    await waitFor(() =>
      expect(api.listApps).toHaveBeenLastCalledWith(
        expect.objectContaining({ name: 'park', reviewStatus: 'in-review' }),
      ),
    );
  });

  it('loads more apps by cursor', async () => {
    const api = fakeIotApi();
    api.listApps
      .mockResolvedValueOnce({ items: [smartParkingApp], nextCursor: 'page-2' })
      .mockResolvedValueOnce({ items: [meterApp], nextCursor: null });
    renderPage(api);
    await appLink('Smart Parking');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await appLink('Grid Meter')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Smart Parking' }),
    ).toBeInTheDocument();
    expect(api.listApps).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'page-2' }),
    );
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('tells a new ISV to create a first app, and offers "New app"', async () => {
    const api = fakeIotApi();
    api.listApps.mockResolvedValue({ items: [], nextCursor: null });
    renderPage(api);

    expect(
      await screen.findByText(
        /^No apps yet — create your first app with "New app"/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'New app' }));
    expect(
      await screen.findByRole('dialog', { name: 'New app' }),
    ).toBeInTheDocument();
  });

  it('says so when the filters match nothing', async () => {
    const api = fakeIotApi();
    api.listApps.mockImplementation(async ({ reviewStatus } = {}) => ({
      items: reviewStatus ? [] : [smartParkingApp],
      nextCursor: null,
    }));
    renderPage(api);
    await appLink('Smart Parking');

    await userEvent.selectOptions(
      screen.getByLabelText('Review status'),
      'Rejected',
    );

    expect(
      await screen.findByText(/No apps match these filters/),
    ).toBeInTheDocument();
  });

  it('shows a load failure and retries', async () => {
    const api = fakeIotApi();
    api.listApps.mockRejectedValueOnce(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'database is down' },
            response: { statusCode: 503 },
          }),
          { status: 503, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    renderPage(api);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load your apps: database is down',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await appLink('Smart Parking')).toBeInTheDocument();
  });
});
