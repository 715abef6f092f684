import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import {
  PREVIOUS_REVIEW_ID,
  REVIEW_ID,
  rejectedListing,
  reviewItem,
} from '../../__testUtils__/reviews';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { ReviewDetail } from './ReviewDetail';

// the submitted specs' graphs are drawn on a canvas
stubReactFlowBrowser();

function renderReview(api = fakeIotApi()) {
  renderInTestApp(<ReviewDetail reviewId={REVIEW_ID} />, {
    apis: [
      [iotApiRef, api],
      catalogApiMock(),
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    mountedRoutes: iotMountedRoutes,
  });
  return api;
}

const section = (name: string) => screen.getByRole('region', { name });

describe('ReviewDetail', () => {
  it('shows the submission: fields, pictures, specs with their test, changes and history', async () => {
    const api = renderReview();

    expect(
      await screen.findByRole('heading', { name: 'Smart Parking' }),
    ).toBeInTheDocument();
    expect(api.getReview).toHaveBeenCalledWith(REVIEW_ID);
    expect(screen.getByText('Round 2 · First listing')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Smart Parking' })).toHaveAttribute(
      'href',
      '/catalog/default/iotapp/smart-parking',
    );

    // the three pictures, fetched through the client
    const listing = section('Listing as submitted');
    expect(listing).toHaveTextContent('Guides drivers to free parking bays.');
    for (const [field, alt] of [
      ['logo', 'Logo of round 2'],
      ['showcaseImage', 'Showcase image of round 2'],
      ['introImage', 'Intro image of round 2'],
    ]) {
      expect(
        await within(listing).findByRole('img', { name: alt }),
      ).toHaveAttribute(
        'src',
        expect.stringMatching(/^data:image\/png;base64,/),
      );
      expect(api.getReviewImage).toHaveBeenCalledWith(REVIEW_ID, field);
    }
    expect(
      within(listing).getAllByText(
        'PNG · 1200 × 600 px · 300 KB (307,200 bytes)',
      ),
    ).toHaveLength(2);

    // the spec as submitted, its deployment test, its graph and its resources
    const spec = screen.getByRole('region', {
      name: 'Smart Parking — standard',
    });
    expect(spec).toHaveTextContent('Passed deployment test');
    expect(spec).toHaveTextContent(/Passed its deployment test on Oct 4, 2026/);
    expect(spec).toHaveTextContent('Test instance inst-3k9x0q2m7b1c5d8e4f6a');
    expect(
      within(spec).getByRole('link', { name: 'Smart Parking — standard' }),
    ).toHaveAttribute('href', '/iot/specs/smart-parking-standard');
    const resources = within(spec).getByRole('table', {
      name: /resources in the submitted graph/,
    });
    expect(resources).toHaveTextContent('parking-db');
    expect(resources).toHaveTextContent('Relational database');
    const graph = await within(spec).findByRole('application', {
      name: 'Dependency graph of Smart Parking — standard as submitted',
    });
    expect(
      await within(graph).findByRole('group', { name: 'VPC parking-vpc' }),
    ).toHaveTextContent('192.168.0.0/16');
    expect(
      await within(graph).findByRole('img', {
        name: 'parking-server depends on parking-db',
      }),
    ).toBeInTheDocument();

    // what changed since the rejected round 1, flagged fields marked
    const changes = screen.getByRole('table', {
      name: 'Changes since round 1',
    });
    expect(screen.getByText(/^Round 1: Rejected on Oct 2, 2026/)).toBeVisible();
    expect(
      screen.getByText(
        'Reason given then: The listing name is misspelt and the logo is blurry.',
      ),
    ).toBeVisible();
    const rows = within(changes).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Listing name');
    expect(rows[0]).toHaveTextContent('Flagged last time');
    expect(rows[0]).toHaveTextContent('Smart Parkng');
    expect(rows[0]).toHaveTextContent('Smart Parking');
    expect(
      await within(rows[1]).findByRole('img', { name: 'Logo of round 1' }),
    ).toBeInTheDocument();
    expect(api.getReviewImage).toHaveBeenCalledWith(PREVIOUS_REVIEW_ID, 'logo');
    expect(rows[2]).toHaveTextContent('Spec Smart Parking — standard');
    expect(rows[2]).toHaveTextContent('Description: Old description.');
    expect(screen.queryByText(/Flagged last time and not changed/)).toBeNull();

    // the listing's history
    const history = await screen.findByRole('list', { name: 'History' });
    expect(within(history).getAllByRole('listitem')[0]).toHaveTextContent(
      'Rejected by rita',
    );
    expect(api.getListing).toHaveBeenCalledWith('smart-parking');
  });

  it('approves after confirmation', async () => {
    const api = renderReview();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Approve Smart Parking?');
    expect(dialog).toHaveTextContent(
      'Smart Parking goes on the marketplace with Smart Parking — standard.',
    );
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
    expect(screen.queryByRole('dialog')).toBeNull();
    // decided: no more buttons, the state says listed
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull(),
    );
    expect(screen.getByText('Listed')).toBeInTheDocument();
  });

  it('rejects with a reason and flagged fields', async () => {
    const api = renderReview();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Reject Smart Parking');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(dialog).toHaveTextContent('Say what the ISV must change');
    expect(api.rejectReview).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
    );
    await userEvent.paste('The intro image shows another product.');
    const fields = within(dialog).getByRole('group', { name: 'Fields to fix' });
    await userEvent.click(
      within(fields).getByRole('checkbox', {
        name: 'Spec Smart Parking — standard',
      }),
    );
    await userEvent.click(
      within(fields).getByRole('checkbox', { name: 'Intro image' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    await waitFor(() =>
      expect(api.rejectReview).toHaveBeenCalledWith(REVIEW_ID, {
        reason: 'The intro image shows another product.',
        // form order
        flaggedFields: ['introImage', 'spec:smart-parking-standard'],
      }),
    );
    expect(
      await screen.findByText(
        'Rejected: the owners read your reason and see the fields to fix.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal in the dialog, which stays open", async () => {
    const api = fakeIotApi();
    api.approveReview.mockRejectedValue(
      new NotAllowedError(
        'user:default/ada is a member of group:default/isv-acme, which owns app smart-parking: another reviewer decides',
      ),
    );
    renderReview(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The approval was refused');
    expect(alert).toHaveTextContent(
      'user:default/ada is a member of group:default/isv-acme, which owns app smart-parking',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('shows a decided review without actions, with its reason and flagged fields', async () => {
    const api = fakeIotApi();
    api.getReview.mockResolvedValue(
      reviewItem({
        status: 'rejected',
        listingState: 'rejected',
        decidedBy: 'user:default/rita',
        decidedAt: '2026-10-06T08:00:00Z',
        reason: 'Summary too vague.',
        flaggedFields: ['summary', 'spec:smart-parking-standard'],
      }),
    );
    api.getListing.mockResolvedValue(rejectedListing());
    renderReview(api);
    expect(await screen.findByText('Summary too vague.')).toBeInTheDocument();
    expect(
      screen.getByText('Summary, Spec Smart Parking — standard'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Smart Parking — standard' }),
    ).toHaveTextContent('Flagged by the reviewer');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('says when there is nothing to compare with, and what was flagged and left unchanged', async () => {
    const api = fakeIotApi();
    api.getReview.mockResolvedValueOnce(
      reviewItem({ round: 1, previous: null, changes: [] }),
    );
    renderReview(api);
    expect(
      await screen.findByText(
        'The first submission of this app: there is nothing to compare with.',
      ),
    ).toBeInTheDocument();
    expect(section('Changes')).toHaveTextContent('nothing to compare with');
  });

  it('names flagged fields the ISV did not change', async () => {
    const api = fakeIotApi();
    const item = reviewItem();
    api.getReview.mockResolvedValue({
      ...item,
      changes: item.changes.filter(change => change.field !== 'logo'),
    });
    renderReview(api);
    expect(
      await screen.findByText('Flagged last time and not changed: Logo'),
    ).toBeInTheDocument();
  });

  it('keeps the resource table when the resource types to draw the graph fail to load, and retries', async () => {
    const api = fakeIotApi();
    api.getResourceTypes.mockRejectedValueOnce(new Error('catalogue is down'));
    renderReview(api);

    expect(
      await screen.findByText(
        'Could not load the resource types to draw the submitted graphs: catalogue is down',
      ),
    ).toBeInTheDocument();
    const spec = screen.getByRole('region', {
      name: 'Smart Parking — standard',
    });
    expect(
      within(spec).getByRole('table', {
        name: /resources in the submitted graph/,
      }),
    ).toHaveTextContent('parking-db');
    expect(within(spec).queryByRole('application')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await within(spec).findByRole('group', { name: 'VPC parking-vpc' }),
    ).toBeInTheDocument();
  });

  it('shows a failure to load as the server says it', async () => {
    const api = fakeIotApi();
    api.getReview.mockRejectedValue(
      new NotFoundError(`no review with id ${REVIEW_ID}`),
    );
    renderReview(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Could not load the review: no review with id ${REVIEW_ID}`,
    );
    expect(screen.getByRole('link', { name: 'Review queue' })).toHaveAttribute(
      'href',
      '/iot/reviews',
    );
  });
});
