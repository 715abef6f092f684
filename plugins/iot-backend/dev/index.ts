import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// Standalone backend for working on this plugin: `yarn start` here, then
//
//   curl http://localhost:7007/api/iot/health
//   curl http://localhost:7007/api/iot/openapi.json -H 'Authorization: Bearer mock-user-token'
//
// Auth is mocked (requests without a token act as the mock user) and the
// catalog holds one demo image, so permission conditions can be evaluated.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'iot.portal/v1alpha1',
        kind: 'IotImage',
        metadata: { name: 'parking-server', namespace: 'default' },
        spec: { owner: 'group:default/isv-acme' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
