import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import {
  REVIEW_ID,
  rejectedReview,
  reviewSummary,
} from '../../__testUtils__/reviews';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { ReviewsPage } from './ReviewsPage';

function renderPage(api = fakeIotApi(), path = '/') {
  renderInTestApp(<ReviewsPage />, {
    apis: [
      [iotApiRef, api],
      catalogApiMock(),
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    mountedRoutes: iotMountedRoutes,
    initialRouteEntries: [path],
  });
  return api;
}

async function answer(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('ReviewsPage', () => {
  it('lists what waits for a reviewer, oldest first, each opening its review', async () => {
    const api = fakeIotApi();
    api.listReviews.mockResolvedValue({
      items: [
        reviewSummary(),
        reviewSummary({
          id: 'rev-bbbbbbbbbbbbbbbbbbbb',
          appId: 'parking-finder',
          appName: 'Parking Finder',
          listingName: 'Parking Finder Pro',
          isUpdate: true,
          round: 3,
          specIds: ['a', 'b'],
        }),
      ],
      nextCursor: null,
    });
    renderPage(api);

    const table = await screen.findByRole('table', { name: 'Review queue' });
    expect(api.listReviews).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'pending', q: undefined }),
    );
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows[1]).getByRole('link', { name: 'Smart Parking' }),
    ).toHaveAttribute('href', `/iot/reviews/${REVIEW_ID}`);
    expect(rows[1]).toHaveTextContent('First listing');
    expect(rows[1]).toHaveTextContent('Round 2');
    expect(rows[1]).toHaveTextContent('by alice');
    expect(rows[1]).toHaveTextContent('Pending');
    expect(rows[2]).toHaveTextContent('Parking Finder Pro');
    // the app's name under a listing name that differs
    expect(rows[2]).toHaveTextContent('Parking Finder');
    expect(rows[2]).toHaveTextContent('New version');
    expect(rows[2]).toHaveTextContent('Round 3');
    expect(screen.queryByText(/You see your own group/)).toBeNull();
  });

  it('filters by name, decision and kind', async () => {
    const api = renderPage();
    await screen.findByRole('table', { name: 'Review queue' });

    await userEvent.type(
      screen.getByLabelText('Search listing or app name'),
      'park',
    );
    await waitFor(() =>
      expect(api.listReviews).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'park', status: 'pending' }),
      ),
    );
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'New version');
    await waitFor(() =>
      expect(api.listReviews).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'park', update: 'true' }),
      ),
    );
    api.listReviews.mockResolvedValue({ items: [], nextCursor: null });
    await userEvent.selectOptions(
      screen.getByLabelText('Decision'),
      'Any decision',
    );
    await waitFor(() =>
      expect(api.listReviews).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: undefined, update: 'true' }),
      ),
    );
    expect(
      await screen.findByText('No submission matches these filters.'),
    ).toBeInTheDocument();
  });

  it('says what to do when nothing waits', async () => {
    const api = fakeIotApi();
    api.listReviews.mockResolvedValue({ items: [], nextCursor: null });
    renderPage(api);
    expect(
      await screen.findByText(
        /^No submission waits for a review\. An ISV submits an app from the Listing tab/,
      ),
    ).toBeInTheDocument();
  });

  it('loads the next page on request', async () => {
    const api = fakeIotApi();
    api.listReviews
      .mockResolvedValueOnce({ items: [reviewSummary()], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [rejectedReview], nextCursor: null });
    renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    expect(await screen.findByText('Smart Parkng')).toBeInTheDocument();
    expect(api.listReviews).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'c1' }),
    );
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('tells a user outside the reviewers group they may not, with the server message', async () => {
    const api = fakeIotApi();
    api.listReviews.mockRejectedValue(
      await answer(
        403,
        'NotAllowedError',
        'missing permission iot.review.read',
      ),
    );
    renderPage(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The Reviews page is for the reviewers group',
    );
    expect(alert).toHaveTextContent(
      'The server said: missing permission iot.review.read',
    );
    expect(screen.queryByLabelText('Search listing or app name')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows another failure with a retry', async () => {
    const api = fakeIotApi();
    api.listReviews.mockRejectedValueOnce(
      await answer(503, 'Error', 'database is down'),
    );
    renderPage(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the review queue: database is down',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: 'Smart Parking' }),
    ).toBeInTheDocument();
  });

  it('opens one review under its own path', async () => {
    const api = renderPage(fakeIotApi(), `/${REVIEW_ID}`);
    expect(
      await screen.findByRole('heading', { name: 'Smart Parking' }),
    ).toBeInTheDocument();
    expect(api.getReview).toHaveBeenCalledWith(REVIEW_ID);
    expect(screen.getByRole('link', { name: 'Review queue' })).toHaveAttribute(
      'href',
      '/iot/reviews',
    );
  });
});
