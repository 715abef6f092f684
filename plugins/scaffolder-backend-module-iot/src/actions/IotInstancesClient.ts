import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  InstanceStatus,
  IotInstanceItem,
  IotInstanceSummary,
  ListInstanceEventsResponse,
  StartDeploymentTestResponse,
} from '@internal/backstage-plugin-iot-common';

/** Where a task log line goes. */
type TaskLogger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

/**
 * The iot backend's deployment routes, called on behalf of the user who
 * started the scaffolder task (their permissions apply).
 */
export class IotInstancesClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  /** `POST /specs/{specId}/deployment-tests`. */
  async startDeploymentTest(
    specId: string,
    credentials: BackstageCredentials,
  ): Promise<StartDeploymentTestResponse> {
    return this.request(
      `/specs/${encodeURIComponent(specId)}/deployment-tests`,
      { method: 'POST' },
      credentials,
    );
  }

  /** `GET /instances/{instanceId}`. */
  async getInstance(
    instanceId: string,
    credentials: BackstageCredentials,
  ): Promise<IotInstanceItem> {
    return this.request(
      `/instances/${encodeURIComponent(instanceId)}`,
      {},
      credentials,
    );
  }

  /** `GET /instances/{instanceId}/events?after=`. */
  async listEvents(
    instanceId: string,
    after: number,
    credentials: BackstageCredentials,
  ): Promise<ListInstanceEventsResponse> {
    return this.request(
      `/instances/${encodeURIComponent(
        instanceId,
      )}/events?after=${after}&limit=500`,
      {},
      credentials,
    );
  }

  /** `DELETE /instances/{instanceId}`: uninstall, idempotent. */
  async uninstall(
    instanceId: string,
    credentials: BackstageCredentials,
  ): Promise<IotInstanceSummary> {
    return this.request(
      `/instances/${encodeURIComponent(instanceId)}`,
      { method: 'DELETE' },
      credentials,
    );
  }

  /**
   * Polls an instance until it is in one of `statuses`, writing its new
   * log lines to `logger` as they come; the instance then.
   */
  async follow(
    instanceId: string,
    options: {
      statuses: InstanceStatus[];
      credentials: BackstageCredentials;
      logger: TaskLogger;
      pollMs: number;
      timeoutMs: number;
      signal?: AbortSignal;
    },
  ): Promise<IotInstanceItem> {
    const { statuses, credentials, logger, pollMs, timeoutMs, signal } =
      options;
    const deadline = Date.now() + timeoutMs;
    let after = 0;
    for (;;) {
      for (;;) {
        const page = await this.listEvents(instanceId, after, credentials);
        for (const event of page.items) {
          const line = `${event.nodeId ? `[${event.nodeId}] ` : ''}${
            event.message
          }`;
          logger[event.level](line);
          after = event.id;
        }
        if (!page.nextCursor) break;
      }
      const instance = await this.getInstance(instanceId, credentials);
      if (statuses.includes(instance.status)) {
        return instance;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `instance ${instanceId} is still ${
            instance.status
          } after ${Math.round(
            timeoutMs / 60_000,
          )} minutes; it goes on in the portal — raise timeoutMinutes to wait longer`,
        );
      }
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, pollMs);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(new Error('the task was cancelled'));
          },
          { once: true },
        );
      });
    }
  }

  private async request<T>(
    path: string,
    init: RequestInit,
    credentials: BackstageCredentials,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('iot');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'iot',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      // the iot backend's message says what is wrong and what to do
      const error = await ResponseError.fromResponse(response);
      throw new Error(
        `the iot backend answered ${init.method ?? 'GET'} ${path} with ${
          response.status
        }: ${error.body.error.message}`,
        { cause: error },
      );
    }
    return (await response.json()) as T;
  }
}
