import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  iotAppEntityCard,
  iotImageEntityCard,
  iotSpecEntityCard,
} from './entityCards';
import { iotApiRef } from './api';
import {
  iotAppListingEntityContent,
  iotAppReviewEntityContent,
  iotAppSpecsEntityContent,
} from './entityContents';
import { appsPage, imagesPage, reviewsPage, specPage } from './pages';
import { iotPlugin } from './plugin';
import { app, image, spec } from './__testUtils__/entities';
import { fakeIotApi } from './__testUtils__/fakeIotApi';
import { inReviewListing, REVIEW_ID } from './__testUtils__/reviews';
import { stubReactFlowBrowser } from './__testUtils__/reactFlow';
import { iotMountedRoutes } from './__testUtils__/routes';
import { reviewsRouteRef, specRouteRef } from './routes';

// the spec page and the review pages draw graphs on an @xyflow canvas
stubReactFlowBrowser();

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'smart-parking' },
  spec: { type: 'service', owner: 'isv-acme', lifecycle: 'production' },
};
// Same kind name under another apiVersion is not ours.
const foreignApp: Entity = { ...app, apiVersion: 'example.com/v1' };

describe('iotPlugin', () => {
  it('provides its pages, its API, the entity cards and the Specs, Listing and Review tabs', () => {
    expect(iotPlugin.id).toBe('iot');
    expect(iotPlugin.getExtension('page:iot/apps')).toBeDefined();
    expect(iotPlugin.getExtension('page:iot/images')).toBeDefined();
    expect(iotPlugin.getExtension('page:iot/spec')).toBeDefined();
    expect(iotPlugin.getExtension('page:iot/reviews')).toBeDefined();
    expect(
      iotPlugin.getExtension('entity-content:iot/app-specs'),
    ).toBeDefined();
    expect(
      iotPlugin.getExtension('entity-content:iot/app-listing'),
    ).toBeDefined();
    expect(
      iotPlugin.getExtension('entity-content:iot/app-review'),
    ).toBeDefined();
    expect(iotPlugin.getExtension('api:iot')).toBeDefined();
    expect(iotPlugin.getExtension('entity-card:iot/app')).toBeDefined();
    expect(iotPlugin.getExtension('entity-card:iot/spec')).toBeDefined();
    expect(iotPlugin.getExtension('entity-card:iot/image')).toBeDefined();
  });

  it('shows each card for its own kind only', () => {
    const kindsShownBy = (filter?: (entity: Entity) => boolean) =>
      [app, spec, image, component, foreignApp]
        .filter(entity => filter?.(entity))
        .map(entity => `${entity.apiVersion} ${entity.kind}`);
    const { filterFunction } = EntityCardBlueprint.dataRefs;

    expect(
      kindsShownBy(createExtensionTester(iotAppEntityCard).get(filterFunction)),
    ).toEqual(['iot.portal/v1alpha1 IotApp']);
    expect(
      kindsShownBy(
        createExtensionTester(iotSpecEntityCard).get(filterFunction),
      ),
    ).toEqual(['iot.portal/v1alpha1 IotSpec']);
    expect(
      kindsShownBy(
        createExtensionTester(iotImageEntityCard).get(filterFunction),
      ),
    ).toEqual(['iot.portal/v1alpha1 IotImage']);
  });

  it('shows the Specs, Listing and Review tabs on IotApp pages only', () => {
    const kindsShownBy = (filter?: (entity: Entity) => boolean) =>
      [app, spec, image, component, foreignApp]
        .filter(entity => filter?.(entity))
        .map(entity => `${entity.apiVersion} ${entity.kind}`);
    const { filterFunction } = EntityContentBlueprint.dataRefs;

    expect(
      kindsShownBy(
        createExtensionTester(iotAppSpecsEntityContent).get(filterFunction),
      ),
    ).toEqual(['iot.portal/v1alpha1 IotApp']);
    expect(
      kindsShownBy(
        createExtensionTester(iotAppListingEntityContent).get(filterFunction),
      ),
    ).toEqual(['iot.portal/v1alpha1 IotApp']);
    expect(
      kindsShownBy(
        createExtensionTester(iotAppReviewEntityContent).get(filterFunction),
      ),
    ).toEqual(['iot.portal/v1alpha1 IotApp']);
  });

  it('renders the card on an entity page of its kind', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: image }),
        iotAppEntityCard,
        iotSpecEntityCard,
        iotImageEntityCard,
      ],
      apis: [catalogApiMock({ entities: [spec] })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      // the card is lazy loaded; the first import can take a while in jest
      await screen.findByRole(
        'heading',
        { name: 'IoT image' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Smart Parking — standard' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'IoT app' }),
    ).not.toBeInTheDocument();
  });

  it('serves the Apps page at /iot/apps', async () => {
    renderTestApp({
      extensions: [appsPage],
      apis: [
        [iotApiRef, fakeIotApi()],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: iotMountedRoutes,
      initialRouteEntries: ['/iot/apps'],
    });

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Your apps' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Smart Parking' }),
    ).toHaveAttribute('href', '/catalog/default/iotapp/smart-parking');
  });

  it('serves the page of a spec at /iot/specs/:specId', async () => {
    const api = fakeIotApi();
    renderTestApp({
      extensions: [specPage],
      apis: [
        [iotApiRef, api],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      initialRouteEntries: ['/iot/specs/smart-parking-edge'],
    });

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Smart Parking — edge' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(api.getSpec).toHaveBeenCalledWith('smart-parking-edge');
  });

  it("renders the Specs tab on an app's page", async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: app }),
        iotAppSpecsEntityContent,
      ],
      apis: [
        [iotApiRef, fakeIotApi()],
        catalogApiMock({ entities: [spec] }),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      // the test entity page itself has the entity route
      mountedRoutes: { '/iot/specs/:specId': specRouteRef },
    });

    const specs = await screen.findByRole(
      'table',
      { name: 'Specs' },
      { timeout: 10_000 },
    );
    expect(
      await within(specs).findByRole('link', {
        name: 'Smart Parking — edge',
      }),
    ).toHaveAttribute('href', '/iot/specs/smart-parking-edge');
  });

  it("renders the Review tab on an app's page with the pending submission", async () => {
    const api = fakeIotApi();
    api.getListing.mockResolvedValue(inReviewListing());
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: app }),
        iotAppReviewEntityContent,
      ],
      apis: [
        [iotApiRef, api],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      // the test entity page itself has the entity route
      mountedRoutes: {
        '/iot/specs/:specId': specRouteRef,
        '/iot/reviews': reviewsRouteRef,
      },
    });

    expect(
      await screen.findByRole(
        'region',
        { name: 'Specs as submitted' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(api.getReview).toHaveBeenCalledWith(REVIEW_ID);
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
  });

  it('serves the Images page at /iot/images', async () => {
    renderTestApp({
      extensions: [imagesPage],
      apis: [[iotApiRef, fakeIotApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/iot/images'],
    });

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Upload an image' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'parking-server' }),
    ).toHaveAttribute('href', '/catalog/default/iotimage/parking-server');
  });

  it('serves the Reviews page at /iot/reviews and a review below it', async () => {
    const api = fakeIotApi();
    renderTestApp({
      extensions: [reviewsPage],
      apis: [
        [iotApiRef, api],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/iot/reviews'],
    });

    const queue = await screen.findByRole(
      'table',
      { name: 'Review queue' },
      { timeout: 10_000 },
    );
    const link = await within(queue).findByRole('link', {
      name: 'Smart Parking',
    });
    expect(link).toHaveAttribute('href', `/iot/reviews/${REVIEW_ID}`);
    await userEvent.click(link);
    expect(
      await screen.findByRole('region', { name: 'Specs as submitted' }),
    ).toBeInTheDocument();
    expect(api.getReview).toHaveBeenCalledWith(REVIEW_ID);
  });
});
