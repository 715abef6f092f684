import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { REVIEW_ID } from '../../__testUtils__/reviews';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { ReviewsPage } from '../ReviewsPage';
import { ReviewDetail } from './ReviewDetail';

// the submitted specs' graphs are drawn on a canvas
stubReactFlowBrowser();

// A file of its own: usePermission caches decisions per permission for the
// whole module, so a DENY would leak into the ALLOW tests of ReviewDetail.test.
describe('Reviews for ISVs, who read their own submissions but do not decide', () => {
  const apis = () =>
    [
      [iotApiRef, fakeIotApi()],
      catalogApiMock(),
      mockApis.permission({ authorize: AuthorizeResult.DENY }),
    ] as const;

  it('shows a submission without Approve and Reject, saying who decides', async () => {
    renderInTestApp(<ReviewDetail reviewId={REVIEW_ID} />, {
      apis: apis(),
      mountedRoutes: iotMountedRoutes,
    });
    expect(
      await screen.findByText(
        'Only members of the reviewers group approve or reject submissions.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it("lists their group's submissions, saying only reviewers decide", async () => {
    renderInTestApp(<ReviewsPage />, {
      apis: apis(),
      mountedRoutes: iotMountedRoutes,
    });
    expect(
      await screen.findByRole('link', { name: 'Smart Parking' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/^You see your own group's submissions/),
    ).toBeInTheDocument();
  });
});
