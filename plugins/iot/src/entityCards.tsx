import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  IOT_API_VERSION,
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  IOT_SPEC_KIND,
} from '@internal/backstage-plugin-iot-common';

// Filters are predicates rather than functions so that app-config can
// still override them per card.
export const iotAppEntityCard = EntityCardBlueprint.make({
  name: 'app',
  params: {
    filter: { apiVersion: IOT_API_VERSION, kind: IOT_APP_KIND },
    loader: () => import('./components/IotAppCard').then(m => <m.IotAppCard />),
  },
});

export const iotSpecEntityCard = EntityCardBlueprint.make({
  name: 'spec',
  params: {
    filter: { apiVersion: IOT_API_VERSION, kind: IOT_SPEC_KIND },
    loader: () =>
      import('./components/IotSpecCard').then(m => <m.IotSpecCard />),
  },
});

export const iotImageEntityCard = EntityCardBlueprint.make({
  name: 'image',
  params: {
    filter: { apiVersion: IOT_API_VERSION, kind: IOT_IMAGE_KIND },
    loader: () =>
      import('./components/IotImageCard').then(m => <m.IotImageCard />),
  },
});
