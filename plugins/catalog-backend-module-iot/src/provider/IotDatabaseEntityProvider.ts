import { setTimeout as sleep } from 'node:timers/promises';
import {
  AuthService,
  DiscoveryService,
  LifecycleService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  entityEnvelopeSchemaValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';

/** Location key and managed-by-location of every entity the iot database owns. */
export const IOT_DATABASE_LOCATION = 'iot:database';

/** Events topic on which the iot plugin publishes changes of its entities. */
export const IOT_CATALOG_TOPIC = 'iot.catalog';

/** Payload of an {@link IOT_CATALOG_TOPIC} event. */
export type IotCatalogEventPayload = {
  /** Entities created or changed, in full. */
  upserted: Entity[];
  /** Entity refs of entities deleted from the iot database. */
  removed: string[];
};

/** Backoff of the full sync while the iot plugin is not reachable. */
export type IotDatabaseEntityProviderRetry = {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
};

/** Options of {@link IotDatabaseEntityProvider.create}. */
export type IotDatabaseEntityProviderOptions = {
  discovery: DiscoveryService;
  auth: AuthService;
  events: EventsService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  /** Periodic full sync; the first one runs right after connect regardless. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  retry?: IotDatabaseEntityProviderRetry;
  fetch?: typeof fetch;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  // the run at start is triggered by connect; a restart must not wait for the
  // next slot the scheduler remembers from the previous process
  initialDelay: { minutes: 10 },
};

// 1 + 2 + 4 + 8 + 16 + 30 + 30 s: covers a slow start of the iot plugin
const DEFAULT_RETRY: IotDatabaseEntityProviderRetry = {
  attempts: 8,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
};

// 404: the iot plugin has not mounted its router yet; 503: it has not started
const RETRYABLE_STATUSES = new Set([404, 429, 502, 503, 504]);

const validateEnvelope = entityEnvelopeSchemaValidator();

type Delta = { upserted: Entity[]; removed: string[] };

class IotUnreachableError extends Error {}

/**
 * Publishes the entities the iot database owns (images, and later apps and
 * specs) to the catalog: a full sync from `GET /api/iot/catalog/entities` at
 * start and on a schedule, and deltas from the `iot.catalog` events.
 */
export class IotDatabaseEntityProvider implements EntityProvider {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #events: EventsService;
  readonly #scheduler: SchedulerService;
  readonly #logger: LoggerService;
  readonly #schedule: SchedulerServiceTaskScheduleDefinition;
  readonly #retry: IotDatabaseEntityProviderRetry;
  readonly #fetch: typeof fetch;
  readonly #shutdown = new AbortController();
  #connection?: EntityProviderConnection;
  // mutations are applied one at a time, in the order they were decided
  #queue: Promise<void> = Promise.resolve();
  #fullSyncInFlight?: Promise<void>;
  // deltas that arrive while a full sync fetches; replayed after its snapshot
  readonly #deltasDuringFullSync = new Set<Delta[]>();

  static create(options: IotDatabaseEntityProviderOptions) {
    return new IotDatabaseEntityProvider(options);
  }

  private constructor(options: IotDatabaseEntityProviderOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#events = options.events;
    this.#scheduler = options.scheduler;
    this.#logger = options.logger.child({ provider: this.getProviderName() });
    this.#schedule = options.schedule ?? DEFAULT_SCHEDULE;
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#fetch = options.fetch ?? fetch;
    options.lifecycle.addShutdownHook(() => this.#shutdown.abort());
  }

  getProviderName(): string {
    return 'IotDatabaseEntityProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    // subscribe before the first fetch so that no change falls between the two
    await this.#events.subscribe({
      id: 'catalog-iot-provider',
      topics: [IOT_CATALOG_TOPIC],
      onEvent: params => this.#onEvent(params),
    });
    await this.#scheduler.scheduleTask({
      id: `${this.getProviderName()}:full-sync`,
      ...this.#schedule,
      fn: signal => this.#fullSync(signal),
    });
    // not awaited: the iot plugin may start after the catalog
    this.#fullSync(this.#shutdown.signal).catch(error => {
      if (!this.#shutdown.signal.aborted) {
        this.#logger.error(
          'Full sync of the iot database to the catalog failed; the scheduled sync will try again',
          error,
        );
      }
    });
  }

  // a sync asked for while one runs (start and schedule) joins the running one
  #fullSync(signal: AbortSignal): Promise<void> {
    this.#fullSyncInFlight ??= this.#runFullSync(
      AbortSignal.any([signal, this.#shutdown.signal]),
    ).finally(() => {
      this.#fullSyncInFlight = undefined;
    });
    return this.#fullSyncInFlight;
  }

  async #runFullSync(signal: AbortSignal): Promise<void> {
    const connection = this.#requireConnection();
    const missed: Delta[] = [];
    this.#deltasDuringFullSync.add(missed);
    try {
      const entities = await this.#fetchEntitiesWithRetry(signal);
      await this.#serially(async () => {
        // from here on, new deltas queue up behind this mutation
        this.#deltasDuringFullSync.delete(missed);
        await connection.applyMutation({
          type: 'full',
          entities: entities.map(toDeferred),
        });
        for (const delta of missed) {
          await connection.applyMutation(toDeltaMutation(delta));
        }
      });
      this.#logger.info(
        `Published ${entities.length} entities of the iot database to the catalog`,
      );
    } finally {
      this.#deltasDuringFullSync.delete(missed);
    }
  }

  async #onEvent(params: EventParams): Promise<void> {
    const parsed = parseEventPayload(params.eventPayload);
    if ('error' in parsed) {
      this.#logger.warn(
        `Ignored an '${params.topic}' event: ${parsed.error}; expected { upserted: Entity[], removed: string[] }`,
      );
      return;
    }
    const connection = this.#requireConnection();
    for (const missed of this.#deltasDuringFullSync) {
      missed.push(parsed.delta);
    }
    await this.#serially(() =>
      connection.applyMutation(toDeltaMutation(parsed.delta)),
    );
  }

  async #fetchEntitiesWithRetry(signal: AbortSignal): Promise<Entity[]> {
    const { attempts, initialDelayMs, maxDelayMs } = this.#retry;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#fetchEntities(signal);
      } catch (error) {
        if (
          !(error instanceof IotUnreachableError) ||
          attempt >= attempts ||
          signal.aborted
        ) {
          throw error;
        }
        const delayMs = Math.min(
          initialDelayMs * 2 ** (attempt - 1),
          maxDelayMs,
        );
        this.#logger.info(
          `${error.message}; retrying in ${delayMs} ms (attempt ${attempt} of ${attempts})`,
        );
        await sleep(delayMs, undefined, { signal });
      }
    }
  }

  async #fetchEntities(signal: AbortSignal): Promise<Entity[]> {
    const url = `${await this.#discovery.getBaseUrl('iot')}/catalog/entities`;
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'iot',
    });
    let response: Response;
    try {
      response = await this.#fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
        signal,
      });
    } catch (error) {
      if (signal.aborted) {
        throw error;
      }
      throw new IotUnreachableError(
        `The iot plugin is not reachable at ${url}: ${describeFetchError(
          error,
        )}`,
      );
    }
    if (RETRYABLE_STATUSES.has(response.status)) {
      throw new IotUnreachableError(
        `The iot plugin is not ready: GET ${url} answered ${response.status}`,
      );
    }
    if (!response.ok) {
      throw new Error(
        `GET ${url} answered ${response.status} ${
          response.statusText
        }: ${await response.text()}`,
      );
    }
    const body: unknown = await response.json();
    const entities = (body as { entities?: unknown } | null)?.entities;
    if (!Array.isArray(entities)) {
      throw new Error(
        `GET ${url} must answer { entities: Entity[] }; got ${JSON.stringify(
          body,
        ).slice(0, 200)}`,
      );
    }
    // one broken row must not keep every other entity out of the catalog
    return entities.filter((entity, index) => {
      const error = envelopeError(entity);
      if (error) {
        this.#logger.warn(`Skipped entities[${index}] of GET ${url}: ${error}`);
      }
      return !error;
    });
  }

  #serially(mutate: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(mutate);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    return this.#connection;
  }
}

function withLocation(entity: Entity): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        [ANNOTATION_LOCATION]: IOT_DATABASE_LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: IOT_DATABASE_LOCATION,
        ...entity.metadata.annotations,
      },
    },
  };
}

function toDeferred(entity: Entity): DeferredEntity {
  return { entity: withLocation(entity), locationKey: IOT_DATABASE_LOCATION };
}

function toDeltaMutation(delta: Delta): EntityProviderMutation {
  return {
    type: 'delta',
    added: delta.upserted.map(toDeferred),
    removed: delta.removed.map(entityRef => ({
      entityRef,
      locationKey: IOT_DATABASE_LOCATION,
    })),
  };
}

function envelopeError(entity: unknown): string | undefined {
  try {
    validateEnvelope(entity);
    return undefined;
  } catch (error) {
    return String(error instanceof Error ? error.message : error);
  }
}

function parseEventPayload(
  payload: unknown,
): { delta: Delta } | { error: string } {
  if (typeof payload !== 'object' || payload === null) {
    return { error: `payload is ${JSON.stringify(payload)}` };
  }
  const { upserted, removed } = payload as Record<string, unknown>;
  if (!Array.isArray(upserted)) {
    return {
      error: `upserted must be an array; got ${JSON.stringify(upserted)}`,
    };
  }
  if (!Array.isArray(removed)) {
    return {
      error: `removed must be an array; got ${JSON.stringify(removed)}`,
    };
  }
  for (const [index, entity] of upserted.entries()) {
    const error = envelopeError(entity);
    if (error) {
      return { error: `upserted[${index}] is not an entity: ${error}` };
    }
  }
  const refs: string[] = [];
  for (const [index, ref] of removed.entries()) {
    try {
      if (typeof ref !== 'string') {
        throw new TypeError('not a string');
      }
      // the catalog matches refs in their canonical (lower-case) form
      refs.push(stringifyEntityRef(parseEntityRef(ref)));
    } catch {
      return {
        error: `removed[${index}] must be an entity ref like 'iotimage:default/parking-server'; got ${JSON.stringify(
          ref,
        )}`,
      };
    }
  }
  return { delta: { upserted: upserted as Entity[], removed: refs } };
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    ?.cause;
  if (cause && typeof cause.code === 'string') {
    return cause.code;
  }
  return String(error instanceof Error ? error.message : error);
}
