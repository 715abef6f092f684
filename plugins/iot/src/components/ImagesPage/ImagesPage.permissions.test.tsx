import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { ImagesPage } from './ImagesPage';

// A file of its own: usePermission caches decisions per permission for the
// whole module, so a DENY would leak into the ALLOW tests of ImagesPage.test.
describe('ImagesPage for users who may not upload', () => {
  it('lists the images but offers no upload, saying who may upload', async () => {
    renderInTestApp(<ImagesPage />, {
      apis: [
        [iotApiRef, fakeIotApi()],
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole('link', { name: 'parking-server' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /Uploading images is for members of an ISV group/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose image file')).toBeNull();
  });
});
