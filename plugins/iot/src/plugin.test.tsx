import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  iotAppEntityCard,
  iotImageEntityCard,
  iotSpecEntityCard,
} from './entityCards';
import { iotApiRef } from './api';
import { imagesPage } from './pages';
import { iotPlugin } from './plugin';
import { app, image, spec } from './__testUtils__/entities';
import { fakeIotApi } from './__testUtils__/fakeIotApi';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'smart-parking' },
  spec: { type: 'service', owner: 'isv-acme', lifecycle: 'production' },
};
// Same kind name under another apiVersion is not ours.
const foreignApp: Entity = { ...app, apiVersion: 'example.com/v1' };

describe('iotPlugin', () => {
  it('provides the Images page, its API, the three entity cards and the translations', () => {
    expect(iotPlugin.id).toBe('iot');
    expect(iotPlugin.getExtension('page:iot/images')).toBeDefined();
    expect(iotPlugin.getExtension('api:iot')).toBeDefined();
    expect(iotPlugin.getExtension('entity-card:iot/app')).toBeDefined();
    expect(iotPlugin.getExtension('entity-card:iot/spec')).toBeDefined();
    expect(iotPlugin.getExtension('entity-card:iot/image')).toBeDefined();
    expect(iotPlugin.getExtension('translation:iot')).toBeDefined();
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
});
