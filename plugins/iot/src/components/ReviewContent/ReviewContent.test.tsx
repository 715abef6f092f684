import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { app } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import {
  PREVIOUS_REVIEW_ID,
  REVIEW_ID,
  inReviewListing,
  listedListing,
  rejectedListing,
  reviewItem,
} from '../../__testUtils__/reviews';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { ReviewContent } from './ReviewContent';

// the submitted specs' graphs are drawn on a canvas
stubReactFlowBrowser();

function renderTab(api = fakeIotApi()) {
  renderInTestApp(
    <EntityProvider entity={app}>
      <ReviewContent />
    </EntityProvider>,
    {
      apis: [
        [iotApiRef, api],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: iotMountedRoutes,
    },
  );
  return api;
}

describe('ReviewContent', () => {
  it('shows the pending submission and approves it after confirmation', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(inReviewListing());
    renderTab(api);

    expect(
      await screen.findByRole('region', { name: 'Specs as submitted' }),
    ).toBeInTheDocument();
    expect(api.getListing).toHaveBeenCalledWith('smart-parking');
    expect(api.getReview).toHaveBeenCalledWith(REVIEW_ID);
    expect(screen.getByText('Round 2 · First listing')).toBeInTheDocument();
    expect(
      await within(
        screen.getByRole('region', { name: 'Listing as submitted' }),
      ).findByRole('img', { name: 'Logo of round 2' }),
    ).toHaveAttribute('src', expect.stringMatching(/^data:image\/png;/));
    expect(
      screen.getByRole('region', { name: 'Smart Parking — standard' }),
    ).toHaveTextContent(/Passed its deployment test on Oct 4, 2026/);
    expect(
      screen.getByRole('table', { name: 'Changes since round 1' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    api.getReview.mockResolvedValue(
      reviewItem({ status: 'approved', listingState: 'listed' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.approveReview).toHaveBeenCalledWith(REVIEW_ID, {}),
    );
    expect(
      await screen.findByText(
        'Approved: Smart Parking is listed on the marketplace and its owners are notified.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull(),
    );
  });

  it('rejects the pending submission with a reason', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(inReviewListing());
    renderTab(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
    );
    await userEvent.paste('The summary promises more than the specs do.');
    await userEvent.click(
      within(
        within(dialog).getByRole('group', { name: 'Fields to fix' }),
      ).getByRole('checkbox', { name: 'Summary' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    await waitFor(() =>
      expect(api.rejectReview).toHaveBeenCalledWith(REVIEW_ID, {
        reason: 'The summary promises more than the specs do.',
        flaggedFields: ['summary'],
      }),
    );
  });

  it("shows a reviewer of the app's own group the server's refusal", async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(inReviewListing());
    api.approveReview.mockRejectedValue(
      new NotAllowedError(
        'user:default/ada is a member of group:default/isv-acme, which owns app smart-parking: another reviewer decides',
      ),
    );
    renderTab(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'which owns app smart-parking: another reviewer decides',
    );
  });

  it('says nothing is in review and links the latest decided review', async () => {
    const api = renderTab();

    expect(
      await screen.findByRole('heading', { name: 'Nothing in review' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^No submission of this app waits for a reviewer\./),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Latest decision: Rejected by rita on Oct 2, 2026/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open that review' }),
    ).toHaveAttribute('href', `/iot/reviews/${PREVIOUS_REVIEW_ID}`);
    expect(api.getReview).not.toHaveBeenCalled();
  });

  it('links the approval of a listed app', async () => {
    const api = fakeIotApi();
    const listed = listedListing();
    api.getListing.mockResolvedValue({
      ...listed,
      history: [
        ...listed.history,
        {
          id: 3,
          action: 'submit',
          from: 'rejected',
          to: 'in-review',
          actorRef: 'user:default/alice',
          at: '2026-10-05T08:00:00Z',
          reviewId: REVIEW_ID,
          reason: null,
          flaggedFields: [],
          specId: null,
        },
        {
          id: 4,
          action: 'approve',
          from: 'in-review',
          to: 'listed',
          actorRef: 'user:default/rita',
          at: '2026-10-06T08:00:00Z',
          reviewId: REVIEW_ID,
          reason: null,
          flaggedFields: [],
          specId: null,
        },
      ],
    });
    renderTab(api);

    expect(
      await screen.findByText(
        /^Latest decision: Approved by rita on Oct 6, 2026/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open that review' }),
    ).toHaveAttribute('href', `/iot/reviews/${REVIEW_ID}`);
  });

  it('says when no submission has been decided yet', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(
      rejectedListing({
        state: 'draft',
        reviewStatus: 'draft',
        lastRejection: null,
        history: [],
      }),
    );
    renderTab(api);

    expect(
      await screen.findByText(
        'No submission of this app has been decided yet.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open that review' })).toBeNull();
  });

  it("shows the server's refusal to users who may not read the app's reviews", async () => {
    const api = fakeIotApi();
    api.getListing.mockRejectedValue(
      new NotAllowedError(
        'missing permission iot.review.read on iotapp:default/smart-parking',
      ),
    );
    renderTab(api);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      "The reviews of this app are for the reviewers group and the app's owners",
    );
    expect(alert).toHaveTextContent(
      'The server said: missing permission iot.review.read on iotapp:default/smart-parking',
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(api.getReview).not.toHaveBeenCalled();
  });

  it('shows other failures with a retry', async () => {
    const api = fakeIotApi();
    api.getListing
      .mockRejectedValueOnce(new NotFoundError('no app with id smart-parking'))
      .mockResolvedValue(inReviewListing());
    renderTab(api);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Could not load the app's review: no app with id smart-parking",
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('region', { name: 'Specs as submitted' }),
    ).toBeInTheDocument();
  });
});
