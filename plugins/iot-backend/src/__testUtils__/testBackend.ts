import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import permissionBackend from '@backstage/plugin-permission-backend';
import permissionModuleIot from '@internal/backstage-plugin-permission-backend-module-iot';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { iotPlugin } from '../plugin';
import { testGroups, userInfoFromTestOrg } from './testOrg';

type Features = Parameters<typeof startTestBackend>[0]['features'];

/**
 * Mock httpAuth where, as in production, requests without a token carry no
 * credentials and a plugin calling on behalf of a user is the user with the
 * plugin as actor. (The plain mock drops the actor, and the permission
 * backend refuses conditional decisions to users calling it directly.)
 */
const httpAuthWithOboActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const base = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      async credentials(req, options) {
        const credentials = await base.credentials(req, options);
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        const token =
          req.headers.authorization?.match(/^Bearer[ ]+(\S+)$/i)?.[1];
        if (
          principal.type === 'user' &&
          token?.startsWith('mock-service-token:')
        ) {
          return mockCredentials.user(principal.userEntityRef, {
            actor: { subject: 'plugin:on-behalf-of' },
          }) as typeof credentials;
        }
        return credentials;
      },
      issueUserCookie: (res, options) => base.issueUserCookie(res, options),
    };
  },
});

/** Authorization header of a persona of the test org. */
export function as(persona: string): string {
  return mockCredentials.user.header(`user:default/${persona}`);
}

/**
 * The iot plugin as in production: the real permission backend with the
 * portal's policy, catalog groups with roles, requests without a token
 * carrying no credentials, and `iot.catalog` events collected in `events`.
 */
export async function startIotBackend(options: {
  directory: string;
  /** `iot.images.maxBytes` */
  maxBytes?: number;
  /** `iot.demo.seed` */
  seed?: boolean;
  /** `iot.specs.registry` */
  specsRegistry?: string;
  /** `iot.deployments`; by default an instant sandbox and fast retries */
  deployments?: JsonObject;
  knex?: Knex;
  entities?: Entity[];
  features?: Features;
}) {
  const events: EventParams[] = [];
  const backend = await startTestBackend({
    features: [
      iotPlugin,
      permissionBackend,
      permissionModuleIot,
      userInfoFromTestOrg,
      httpAuthWithOboActors,
      catalogServiceMock.factory({
        entities: options.entities ?? testGroups,
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          iot: {
            images: {
              local: { directory: options.directory },
              ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
            },
            demo: { seed: options.seed ?? false },
            deployments: options.deployments ?? {
              secretKey: 'a test key that is long enough',
              retry: { initialDelaySeconds: 0.005, maxDelaySeconds: 0.02 },
              sandbox: { latencyFactor: 0 },
            },
            ...(options.specsRegistry
              ? { specs: { registry: options.specsRegistry } }
              : {}),
          },
        },
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      createBackendModule({
        pluginId: 'iot',
        moduleId: 'test-event-collector',
        register(env) {
          env.registerInit({
            deps: { events: eventsServiceRef },
            async init({ events: service }) {
              await service.subscribe({
                id: 'test-event-collector',
                topics: ['iot.catalog'],
                onEvent: async event => {
                  events.push(event);
                },
              });
            },
          });
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return Object.assign(backend, { events });
}
