import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import { IotApiClient, iotApiRef } from './api';

export const iotApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: iotApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: deps => new IotApiClient(deps),
    }),
});
