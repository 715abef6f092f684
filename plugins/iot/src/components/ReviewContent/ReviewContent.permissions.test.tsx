import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { iotApiRef } from '../../api';
import { app } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { inReviewListing } from '../../__testUtils__/reviews';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { ReviewContent } from './ReviewContent';

// the submitted specs' graphs are drawn on a canvas
stubReactFlowBrowser();

// A file of its own: usePermission caches decisions per permission for the
// whole module, so a DENY would leak into the ALLOW tests of ReviewContent.test.
describe('Review tab for the owning ISV', () => {
  it('shows its pending submission read-only, saying who decides', async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(
      inReviewListing({
        can: { submit: false, decide: false, unlist: false },
      }),
    );
    renderInTestApp(
      <EntityProvider entity={app}>
        <ReviewContent />
      </EntityProvider>,
      {
        apis: [
          [iotApiRef, api],
          catalogApiMock(),
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
        mountedRoutes: iotMountedRoutes,
      },
    );

    expect(
      await screen.findByText(
        'Only members of the reviewers group approve or reject submissions.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Specs as submitted' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });
});
