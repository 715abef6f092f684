import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DeferredEntity,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  IOT_CATALOG_TOPIC,
  IotDatabaseEntityProvider,
} from './IotDatabaseEntityProvider';

const image = (name: string, annotations?: Record<string, string>): Entity => ({
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotImage',
  metadata: { name, title: name, ...(annotations && { annotations }) },
  spec: {
    owner: 'group:default/isv-acme',
    imageKind: 'docker',
    versions: [],
  },
});

const located = (entity: Entity) => ({
  entity: {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        'backstage.io/managed-by-location': 'iot:database',
        'backstage.io/managed-by-origin-location': 'iot:database',
        ...entity.metadata.annotations,
      },
    },
  },
  locationKey: 'iot:database',
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const refused = () =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7007'), {
      code: 'ECONNREFUSED',
    }),
  });

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  expect(check()).toBe(true);
}

function setup(options: {
  fetch: jest.Mock;
  attempts?: number;
  initialDelayMs?: number;
}) {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const scheduler = mockServices.scheduler.mock();
  const lifecycle = mockServices.lifecycle.mock();
  const events = mockServices.events();
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async pluginId => `http://backend.test/api/${pluginId}`,
  });
  const connection = {
    applyMutation: jest.fn<Promise<void>, [EntityProviderMutation]>(
      async () => {},
    ),
    refresh: jest.fn(async () => {}),
  } satisfies EntityProviderConnection;
  const provider = IotDatabaseEntityProvider.create({
    discovery,
    auth: mockServices.auth({ pluginId: 'catalog' }),
    events,
    scheduler,
    lifecycle,
    logger,
    fetch: options.fetch,
    retry: {
      attempts: options.attempts ?? 5,
      initialDelayMs: options.initialDelayMs ?? 1,
      maxDelayMs: 4 * (options.initialDelayMs ?? 1),
    },
  });
  const publish = (eventPayload: unknown) =>
    events.publish({ topic: IOT_CATALOG_TOPIC, eventPayload });
  const shutdown = () => lifecycle.addShutdownHook.mock.calls[0][0]();
  return { provider, connection, logger, scheduler, publish, shutdown };
}

describe('IotDatabaseEntityProvider', () => {
  it('publishes the entities of the iot database in a full sync right after connect', async () => {
    const fetch = jest.fn(async () =>
      json({ entities: [image('a'), image('b', { 'iot.portal/x': 'y' })] }),
    );
    const { provider, connection } = setup({ fetch });

    await provider.connect(connection);
    await until(() => connection.applyMutation.mock.calls.length === 1);

    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        located(image('a')),
        located(image('b', { 'iot.portal/x': 'y' })),
      ],
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://backend.test/api/iot/catalog/entities');
    expect((init.headers as Record<string, string>).Authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'iot',
      })}`,
    );
  });

  it('keeps annotations the iot database already set', async () => {
    const own = image('a', {
      'backstage.io/managed-by-location': 'url:https://example.test/a',
    });
    const { provider, connection } = setup({
      fetch: jest.fn(async () => json({ entities: [own] })),
    });

    await provider.connect(connection);
    await until(() => connection.applyMutation.mock.calls.length === 1);

    const { entities } = connection.applyMutation.mock.calls[0][0] as {
      entities: DeferredEntity[];
    };
    expect(entities[0].entity.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'url:https://example.test/a',
      'backstage.io/managed-by-origin-location': 'iot:database',
    });
  });

  it('repeats the full sync on a schedule', async () => {
    const fetch = jest
      .fn()
      .mockResolvedValueOnce(json({ entities: [image('a')] }))
      .mockResolvedValueOnce(json({ entities: [image('b')] }));
    const { provider, connection, scheduler } = setup({ fetch });

    await provider.connect(connection);
    await until(() => connection.applyMutation.mock.calls.length === 1);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'IotDatabaseEntityProvider:full-sync',
        frequency: { minutes: 10 },
      }),
    );
    const task = scheduler.scheduleTask.mock.calls[0][0];
    await task.fn(new AbortController().signal);

    expect(connection.applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [located(image('b'))],
    });
  });

  it('applies iot.catalog events as deltas', async () => {
    const { provider, connection, publish } = setup({
      fetch: jest.fn(async () => json({ entities: [] })),
    });
    await provider.connect(connection);
    await until(() => connection.applyMutation.mock.calls.length === 1);

    await publish({ upserted: [image('c')], removed: [] });
    await publish({
      upserted: [],
      removed: ['IotImage:default/A', 'iotimage:b'],
    });

    expect(connection.applyMutation.mock.calls.slice(1)).toEqual([
      [{ type: 'delta', added: [located(image('c'))], removed: [] }],
      [
        {
          type: 'delta',
          added: [],
          removed: [
            { entityRef: 'iotimage:default/a', locationKey: 'iot:database' },
            { entityRef: 'iotimage:default/b', locationKey: 'iot:database' },
          ],
        },
      ],
    ]);
  });

  it.each([
    ['payload is null', null],
    ['upserted must be an array; got undefined', { removed: [] }],
    ['removed must be an array; got "x"', { upserted: [], removed: 'x' }],
    [
      'upserted[1] is not an entity',
      { upserted: [image('ok'), { kind: 'IotImage' }], removed: [] },
    ],
    [
      'removed[0] must be an entity ref like \'iotimage:default/parking-server\'; got "parking-server"',
      { upserted: [], removed: ['parking-server'] },
    ],
    [
      'removed[1] must be an entity ref',
      { upserted: [], removed: ['iotimage:a', 7] },
    ],
  ])('logs and ignores a bad event (%s)', async (message, payload) => {
    const { provider, connection, publish, logger } = setup({
      fetch: jest.fn(async () => json({ entities: [] })),
    });
    await provider.connect(connection);
    await until(() => connection.applyMutation.mock.calls.length === 1);

    await publish(payload);

    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`Ignored an 'iot.catalog' event: ${message}`),
    );
  });

  it('retries while the iot plugin answers 503 or refuses connections', async () => {
    const fetch = jest
      .fn()
      .mockResolvedValueOnce(json({ error: 'not started' }, 503))
      .mockRejectedValueOnce(refused())
      .mockResolvedValueOnce(new Response('', { status: 404 }))
      .mockResolvedValueOnce(json({ entities: [image('a')] }));
    const { provider, connection, logger } = setup({ fetch });

    await provider.connect(connection);
    await until(() => connection.applyMutation.mock.calls.length === 1);

    expect(fetch).toHaveBeenCalledTimes(4);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [located(image('a'))],
    });
    expect(logger.info).toHaveBeenCalledWith(
      'The iot plugin is not ready: GET http://backend.test/api/iot/catalog/entities answered 503; retrying in 1 ms (attempt 1 of 5)',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'The iot plugin is not reachable at http://backend.test/api/iot/catalog/entities: ECONNREFUSED; retrying in 2 ms (attempt 2 of 5)',
    );
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('gives up after the last attempt and leaves the catalog as it is', async () => {
    const fetch = jest.fn(async () => {
      throw refused();
    });
    const { provider, connection, logger } = setup({ fetch, attempts: 3 });

    await provider.connect(connection);
    await until(() => logger.error.mock.calls.length === 1);

    expect(fetch).toHaveBeenCalledTimes(3);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(String(logger.error.mock.calls[0][1])).toContain('ECONNREFUSED');
  });

  it('does not retry an answer that will not change (401)', async () => {
    const fetch = jest.fn(async () => json({ error: 'no' }, 401));
    const { provider, connection, logger } = setup({ fetch });

    await provider.connect(connection);
    await until(() => logger.error.mock.calls.length === 1);

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(logger.error.mock.calls[0][1])).toContain('answered 401');
  });

  it('refuses a response without an entities array', async () => {
    const { provider, connection, logger } = setup({
      fetch: jest.fn(async () => json([image('a')])),
    });

    await provider.connect(connection);
    await until(() => logger.error.mock.calls.length === 1);

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(String(logger.error.mock.calls[0][1])).toContain(
      'must answer { entities: Entity[] }',
    );
  });

  it('skips a malformed entity of the full sync rather than the whole sync', async () => {
    const { provider, connection, logger } = setup({
      fetch: jest.fn(async () =>
        json({ entities: [image('a'), { kind: 'IotImage', metadata: {} }] }),
      ),
    });

    await provider.connect(connection);
    await until(() => connection.applyMutation.mock.calls.length === 1);

    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [located(image('a'))],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Skipped entities[1] of GET'),
    );
  });

  it('replays deltas that arrived during the fetch after the full snapshot', async () => {
    let answer: (response: Response) => void = () => {};
    const fetch = jest.fn(
      () => new Promise<Response>(resolve => (answer = resolve)),
    );
    const { provider, connection, publish } = setup({ fetch });
    await provider.connect(connection);
    await until(() => fetch.mock.calls.length === 1);

    // the snapshot was read before the event's change reached the database
    await publish({ upserted: [image('new')], removed: ['iotimage:old'] });
    answer(json({ entities: [image('old')] }));
    await until(() => connection.applyMutation.mock.calls.length === 3);

    expect(connection.applyMutation.mock.calls.map(([m]) => m)).toEqual([
      {
        type: 'delta',
        added: [located(image('new'))],
        removed: [
          { entityRef: 'iotimage:default/old', locationKey: 'iot:database' },
        ],
      },
      { type: 'full', entities: [located(image('old'))] },
      {
        type: 'delta',
        added: [located(image('new'))],
        removed: [
          { entityRef: 'iotimage:default/old', locationKey: 'iot:database' },
        ],
      },
    ]);
  });

  it('stops waiting for the iot plugin when the backend shuts down', async () => {
    const fetch = jest.fn(async () => json({}, 503));
    // a backoff far longer than the test, so that only the shutdown ends it
    const { provider, connection, logger, scheduler, shutdown } = setup({
      fetch,
      initialDelayMs: 60_000,
    });
    await provider.connect(connection);
    await until(() => fetch.mock.calls.length === 1);
    const inFlight = scheduler.scheduleTask.mock.calls[0][0].fn(
      new AbortController().signal,
    );

    await shutdown();

    await expect(inFlight).rejects.toThrow(/abort/i);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });
});
