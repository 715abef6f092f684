import { ConflictError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { app } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { pngFile } from '../../__testUtils__/listingImages';
import {
  REVIEW_ID,
  listedListing,
  rejectedListing,
  reviewSummary,
  testedSpecs,
} from '../../__testUtils__/reviews';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { ListingContent } from './ListingContent';

function renderTab(api = fakeIotApi()) {
  api.listSpecs.mockResolvedValue({ items: testedSpecs });
  renderInTestApp(
    <EntityProvider entity={app}>
      <ListingContent />
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

const draftListing = () =>
  rejectedListing({
    state: 'draft',
    reviewStatus: 'draft',
    lastRejection: null,
    history: [],
  });

async function openDialog(name: RegExp | string) {
  await userEvent.click(await screen.findByRole('button', { name }));
  return screen.findByRole('dialog');
}

describe('ListingContent', () => {
  it('shows the state, the last rejection with its flagged fields and the history', async () => {
    const api = renderTab();

    expect(
      await screen.findByText(/^Rejected by rita on Oct 2, 2026/),
    ).toBeInTheDocument();
    expect(api.getListing).toHaveBeenCalledWith('smart-parking');
    expect(screen.getByLabelText('Listing state')).toHaveTextContent(
      'Rejected',
    );
    expect(
      screen.getAllByText(
        'Reason: The listing name is misspelt and the logo is blurry.',
      ),
    ).toHaveLength(2);
    expect(
      await screen.findAllByText(
        'Fields to fix: Listing name, Logo, Spec Smart Parking — standard',
      ),
    ).toHaveLength(2);

    const history = screen.getByRole('list', { name: 'History' });
    const entries = within(history).getAllByRole('listitem');
    // newest first
    expect(entries[0]).toHaveTextContent('Rejected by rita');
    expect(entries[0]).toHaveTextContent('In review → Rejected');
    expect(entries[1]).toHaveTextContent('Submitted by alice');
    expect(entries[1]).toHaveTextContent('Not submitted → In review');
    expect(screen.getByRole('button', { name: 'Submit again' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Unlist' })).toBeNull();
  });

  it('submits a first listing in two steps, images checked in the browser', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(draftListing());
    renderTab(api);
    expect(await screen.findByText(/Not submitted yet/)).toBeInTheDocument();

    const dialog = await openDialog('Submit for review');
    expect(dialog).toHaveTextContent('Step 1 of 2: listing');
    const name = within(dialog).getByRole('textbox', { name: /Listing name/ });
    expect(name).toHaveValue('Smart Parking');

    // nothing else filled in: the problems are named, step 1 stays
    await userEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    expect(dialog).toHaveTextContent('Summary is required');
    expect(dialog).toHaveTextContent('Logo is required');
    expect(dialog).toHaveTextContent('Step 1 of 2');

    const summary = within(dialog).getByRole('textbox', { name: /Summary/ });
    await userEvent.click(summary);
    await userEvent.paste('x'.repeat(91));
    expect(dialog).toHaveTextContent('91/90');
    expect(dialog).toHaveTextContent('Summary must be at most 90 characters');
    await userEvent.clear(summary);
    await userEvent.paste('Free bays at a glance');

    // a logo over 100 KB and a PNG named .jpg are refused with the rule
    const inputs = dialog.querySelectorAll('input[type="file"]');
    await userEvent.upload(
      inputs[0] as HTMLInputElement,
      pngFile('big-logo.png', 128, 128, 150 * 1024),
    );
    expect(
      await within(dialog).findByText(
        'logo must be at most 100 KB (102,400 bytes); got 150 KB (153,600 bytes) (rule: size)',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('img')).toBeNull();
    await userEvent.upload(inputs[0] as HTMLInputElement, pngFile('logo.jpg'));
    expect(
      await within(dialog).findByText(
        /'logo.jpg' is named as JPEG but its content is PNG/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('img')).toBeNull();

    await userEvent.upload(inputs[0] as HTMLInputElement, pngFile('logo.png'));
    expect(
      await within(dialog).findByRole('img', { name: 'Preview of the Logo' }),
    ).toHaveAttribute(
      'src',
      expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/),
    );
    expect(dialog).toHaveTextContent('logo.png: 128 × 128 px');
    await userEvent.upload(
      inputs[1] as HTMLInputElement,
      pngFile('showcase.png', 1200, 600),
    );
    await userEvent.upload(
      inputs[2] as HTMLInputElement,
      pngFile('intro.png', 1200, 600),
    );
    await within(dialog).findByRole('img', {
      name: 'Preview of the Intro image',
    });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    expect(dialog).toHaveTextContent('Step 2 of 2: specs');
    const standard = await within(dialog).findByRole('checkbox', {
      name: 'Smart Parking — standard',
    });
    const edge = within(dialog).getByRole('checkbox', {
      name: 'Smart Parking — edge',
    });
    expect(edge).toBeDisabled();
    expect(
      within(dialog).getByRole('link', { name: 'Run a deployment test first' }),
    ).toHaveAttribute('href', '/iot/specs/smart-parking-edge');
    expect(
      within(dialog).getByTestId('spec-option-smart-parking-standard'),
    ).toHaveTextContent(
      'Type: General · Deploy location: Public cloud · Trial: Yes',
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit for review' }),
    );
    expect(dialog).toHaveTextContent('Choose at least one spec');
    expect(api.submitListing).not.toHaveBeenCalled();

    await userEvent.click(standard);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit for review' }),
    );
    await waitFor(() => expect(api.submitListing).toHaveBeenCalled());
    const [appId, request] = api.submitListing.mock.calls[0];
    expect(appId).toBe('smart-parking');
    expect(request).toMatchObject({
      listingName: 'Smart Parking',
      summary: 'Free bays at a glance',
      specIds: ['smart-parking-standard'],
    });
    expect(request.logo?.name).toBe('logo.png');
    expect(request.showcaseImage?.name).toBe('showcase.png');
    expect(request.introImage?.name).toBe('intro.png');
    expect(
      await screen.findByText('Submitted "Smart Parking" for review.'),
    ).toBeInTheDocument();
    expect(api.getListing).toHaveBeenCalledTimes(2);
  });

  it('marks the flagged fields on resubmission, keeps the images and shows the server refusal', async () => {
    const api = renderTab();
    api.submitListing.mockRejectedValue(
      new ConflictError(
        'spec smart-parking-standard has not passed a deployment test of its current graph',
      ),
    );
    const dialog = await openDialog('Submit again');
    expect(dialog).toHaveTextContent(
      'The reviewer rejected the last submission: The listing name is misspelt',
    );
    // the previous submission fills the form; the flagged fields are marked
    expect(
      within(dialog).getByRole('textbox', { name: /Listing name/ }),
    ).toHaveValue('Smart Parkng');
    const flagged = [...dialog.querySelectorAll('[data-flagged]')];
    expect(flagged).toHaveLength(2);
    expect(flagged[0]).toHaveTextContent('Flagged by the reviewer');
    expect(flagged[0]).toHaveTextContent('Listing name');
    expect(flagged[1]).toHaveTextContent('Logo');
    expect(dialog).toHaveTextContent(
      'Left empty, the image of the last submission is kept.',
    );

    const name = within(dialog).getByRole('textbox', { name: /Listing name/ });
    await userEvent.clear(name);
    await userEvent.paste('Smart Parking');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Next' }));
    const spec = await within(dialog).findByTestId(
      'spec-option-smart-parking-standard',
    );
    expect(spec).toHaveAttribute('data-flagged', 'true');
    expect(
      within(dialog).getByRole('checkbox', {
        name: 'Smart Parking — standard',
      }),
    ).toBeChecked();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit for review' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'has not passed a deployment test of its current graph',
    );
    const [, request] = api.submitListing.mock.calls[0];
    expect(request.listingName).toBe('Smart Parking');
    expect(request.logo).toBeUndefined();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(dialog).toHaveTextContent('Step 1 of 2');
  });

  it('unlists a listed app after confirmation with a reason', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(listedListing());
    renderTab(api);
    expect(
      await screen.findByText(/On the marketplace with "Smart Parking" since/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Submit a new version' }),
    ).toBeVisible();

    const dialog = await openDialog('Unlist');
    expect(dialog).toHaveTextContent('Take Smart Parking off the marketplace?');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Unlist' }),
    );
    expect(dialog).toHaveTextContent('Say why it is taken off the marketplace');
    expect(api.unlistApp).not.toHaveBeenCalled();

    await userEvent.click(within(dialog).getByRole('textbox'));
    await userEvent.paste('the hardware is no longer sold');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Unlist' }),
    );
    await waitFor(() =>
      expect(api.unlistApp).toHaveBeenCalledWith('smart-parking', {
        reason: 'the hardware is no longer sold',
      }),
    );
    expect(
      await screen.findByText('Taken off the marketplace.'),
    ).toBeInTheDocument();
  });

  it('unlists one of several listed specs, the app staying listed', async () => {
    const api = fakeIotApi();
    const listing = listedListing();
    api.getListing.mockResolvedValue({
      ...listing,
      listed: {
        ...listing.listed!,
        specIds: ['smart-parking-standard', 'smart-parking-edge'],
      },
    });
    renderTab(api);
    const specs = await screen.findByRole('list', {
      name: 'Specs on the marketplace',
    });
    expect(
      await within(specs).findByText('Smart Parking — edge'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(specs).getByRole('button', {
        name: 'Unlist spec Smart Parking — edge',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Take spec Smart Parking — edge off the marketplace? Smart Parking stays listed with its other specs',
    );
    await userEvent.click(within(dialog).getByRole('textbox'));
    await userEvent.paste('edge hardware discontinued');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Unlist' }),
    );
    await waitFor(() =>
      expect(api.unlistApp).toHaveBeenCalledWith('smart-parking', {
        reason: 'edge hardware discontinued',
        specId: 'smart-parking-edge',
      }),
    );
    expect(
      await screen.findByText(
        'Spec Smart Parking — edge taken off the marketplace.',
      ),
    ).toBeInTheDocument();
  });

  it('offers no spec unlisting when only one spec is listed', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(listedListing());
    renderTab(api);
    const specs = await screen.findByRole('list', {
      name: 'Specs on the marketplace',
    });
    expect(
      await within(specs).findByText('Smart Parking — standard'),
    ).toBeInTheDocument();
    expect(within(specs).queryByRole('button')).toBeNull();
  });

  it('says a submission waits and links to its review', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(
      rejectedListing({
        state: 'in-review',
        reviewStatus: 'in-review',
        actions: ['approve', 'reject'],
        can: { submit: false, decide: false, unlist: false },
        pending: reviewSummary(),
        lastRejection: null,
      }),
    );
    renderTab(api);
    expect(
      await screen.findByText(
        /^Submission 2 waits for a reviewer since Oct 5, 2026/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the review' }),
    ).toHaveAttribute('href', `/iot/reviews/${REVIEW_ID}`);
    expect(screen.queryByRole('button', { name: /Submit/ })).toBeNull();
    expect(
      screen.queryByText(/Only members of the owning ISV group/),
    ).toBeNull();
  });

  it('says a new version waits while the listed version, with its summary, stays on the marketplace', async () => {
    const api = fakeIotApi();
    const listing = listedListing();
    api.getListing.mockResolvedValue({
      ...listing,
      state: 'listed-update-in-review',
      actions: ['approve', 'reject', 'unlist', 'unlist-spec'],
      can: { submit: false, decide: false, unlist: true },
      pending: reviewSummary({
        id: 'rev-newversion0000000000',
        round: 3,
        isUpdate: true,
        summary: 'Guides drivers to free bays, garages included.',
        submittedAt: '2026-10-07T08:00:00Z',
      }),
      history: [
        ...listing.history,
        {
          id: 3,
          action: 'approve',
          from: 'in-review',
          to: 'listed',
          actorRef: 'user:default/rita',
          at: '2026-10-06T08:00:00Z',
          reviewId: REVIEW_ID,
          reason: 'Clear pictures now',
          flaggedFields: [],
          specId: null,
        },
      ],
    });
    renderTab(api);

    expect(
      await screen.findByText(
        /^A new version \(submission 3\) waits for a reviewer since Oct 7, 2026.*; the listing above stays on the marketplace until the new version is approved/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Listing state')).toHaveTextContent(
      'Listed, update in review',
    );
    expect(
      screen.getByText(/On the marketplace with "Smart Parking" since/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Summary: Guides drivers to free parking bays.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Guides drivers to free bays, garages included/),
    ).toBeNull();
    expect(
      screen.getByRole('link', { name: 'Open the review' }),
    ).toHaveAttribute('href', '/iot/reviews/rev-newversion0000000000');
    expect(screen.queryByRole('button', { name: /Submit/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Unlist' })).toBeVisible();

    // an approval's text is the approver's comment, not a reason
    const [approval] = within(
      screen.getByRole('list', { name: 'History' }),
    ).getAllByRole('listitem');
    expect(approval).toHaveTextContent('Approved by rita');
    expect(approval).toHaveTextContent('Comment: Clear pictures now');
    expect(approval).not.toHaveTextContent('Reason:');
  });

  it('offers nothing to a caller who may not submit nor unlist', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue({
      ...draftListing(),
      can: { submit: false, decide: false, unlist: false },
    });
    renderTab(api);
    expect(
      await screen.findByText(/Only members of the owning ISV group/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Submit for review' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unlist' })).toBeNull();
  });

  it('shows a failure to load as the server says it', async () => {
    const api = fakeIotApi();
    api.getListing.mockRejectedValue(new Error('app smart-parking not found'));
    renderTab(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'app smart-parking not found',
    );
  });
});
