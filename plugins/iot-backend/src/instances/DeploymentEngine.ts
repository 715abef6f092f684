import { LoggerService } from '@backstage/backend-plugin-api';
import { DeploymentProvider } from '@internal/backstage-plugin-iot-node';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { EngineOptions } from './engineOptions';
import { ACTIVE_STATUSES, InstancesStore } from './InstancesStore';
import { InstallListener, InstanceRun } from './InstanceRun';
import { SecretBox } from './SecretBox';

/**
 * Runs instances (SPEC-8; later trials and purchases) with a deployment
 * provider. Any number of engines may share one database: an engine runs an
 * instance only while it holds its lease (taken with a conditional UPDATE,
 * renewed by a heartbeat at a third of its length, and fencing every write
 * of the run), so no two run the same instance. On start, and then
 * periodically, an engine takes up instances with work to do and no live
 * lease — those a crashed or stopped engine left — and resumes them from
 * the database.
 */
export class DeploymentEngine {
  /** Names this engine in leases and log lines: host, process and a random part. */
  readonly engineId: string;
  private readonly store: InstancesStore;
  private readonly provider: DeploymentProvider;
  private readonly secrets: SecretBox;
  private readonly options: EngineOptions;
  private readonly logger: LoggerService;
  private readonly installListeners: InstallListener[] = [];
  /** Instances this engine is taking or running, with the run once it has the lease. */
  private readonly runs = new Map<
    string,
    { run?: InstanceRun; done: Promise<void> }
  >();
  private scanTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(options: {
    store: InstancesStore;
    provider: DeploymentProvider;
    secrets: SecretBox;
    options: EngineOptions;
    logger: LoggerService;
    engineId?: string;
  }) {
    this.store = options.store;
    this.provider = options.provider;
    this.secrets = options.secrets;
    this.options = options.options;
    this.logger = options.logger;
    this.engineId =
      options.engineId ??
      `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  /** Calls `listener` whenever an install has settled: reached `running`, or failed and was rolled back. */
  onInstallSettled(listener: InstallListener): void {
    this.installListeners.push(listener);
  }

  /**
   * Resumes the instances left with work to do, and from then on looks for
   * such instances every half lease.
   */
  async start(): Promise<void> {
    this.stopped = false;
    await this.scan();
    this.scanTimer = setInterval(() => {
      this.scan().catch(error =>
        this.logger.warn(
          `Could not look for deployments to resume: ${String(error)}`,
        ),
      );
    }, this.options.leaseMs / 2);
    this.scanTimer.unref();
  }

  /**
   * Stops every run (what is in flight stays as the database has it) and
   * gives the leases up, so another engine can resume at once.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.scanTimer);
    for (const entry of this.runs.values()) {
      entry.run?.stop(new Error('the backend is stopping'));
    }
    await Promise.all([...this.runs.values()].map(entry => entry.done));
  }

  /**
   * Has the instance run now, if it has work to do and no other engine runs
   * it; tells a run of it in this engine that its operation may have
   * changed (an uninstall was requested).
   */
  kick(instanceId: string): void {
    const entry = this.runs.get(instanceId);
    if (entry) {
      const { run } = entry;
      if (run) {
        this.store
          .getInstance(instanceId)
          .then(
            instance => instance && run.operationChanged(instance.operation),
          )
          .catch(error =>
            this.logger.warn(
              `Could not check instance ${instanceId}: ${String(error)}`,
            ),
          );
      }
      return;
    }
    if (this.stopped) {
      return;
    }
    const entryOf: { run?: InstanceRun; done: Promise<void> } = {
      done: Promise.resolve(),
    };
    this.runs.set(instanceId, entryOf);
    entryOf.done = this.runInstance(instanceId, entryOf)
      .then(
        () => true,
        error => {
          // the next scan tries again
          this.logger.error(
            `Deployment engine ${
              this.engineId
            } stopped running instance ${instanceId}: ${String(error)}`,
          );
          return false;
        },
      )
      .then(async completed => {
        this.runs.delete(instanceId);
        if (completed) {
          await this.again(instanceId);
        }
      })
      .catch(error =>
        this.logger.warn(
          `Could not check instance ${instanceId} again: ${String(error)}`,
        ),
      );
  }

  /** Whether this engine is running the instance now. */
  isRunning(instanceId: string): boolean {
    return this.runs.has(instanceId);
  }

  private async scan(): Promise<void> {
    if (this.stopped) {
      return;
    }
    for (const id of await this.store.findRunnable(50)) {
      this.kick(id);
    }
  }

  /** After a run: work that arrived as it ended (an uninstall request) starts now rather than at the next scan. */
  private async again(instanceId: string): Promise<void> {
    if (this.stopped) {
      return;
    }
    const instance = await this.store.getInstance(instanceId);
    if (
      instance &&
      ACTIVE_STATUSES.includes(instance.status) &&
      instance.leaseOwner === null
    ) {
      this.kick(instanceId);
    }
  }

  private leaseExpiry(): string {
    return new Date(Date.now() + this.options.leaseMs).toISOString();
  }

  private async runInstance(
    instanceId: string,
    entry: { run?: InstanceRun },
  ): Promise<void> {
    const instance = await this.store.acquireLease(
      instanceId,
      this.engineId,
      this.leaseExpiry(),
    );
    if (!instance) {
      return;
    }
    if (instance.provider !== this.provider.id) {
      this.logger.warn(
        `Instance ${instanceId} was created with deployment provider '${instance.provider}', but this backend has '${this.provider.id}'; leaving it to a backend with that provider`,
      );
      await this.store.releaseLease(instanceId, this.engineId);
      return;
    }
    const run = new InstanceRun(
      {
        store: this.store,
        provider: this.provider,
        secrets: this.secrets,
        options: this.options,
        logger: this.logger,
        engineId: this.engineId,
        installListeners: this.installListeners,
      },
      instanceId,
    );
    entry.run = run;
    if (this.stopped) {
      run.stop(new Error('the backend is stopping'));
    }
    let lost = false;
    const heartbeat = setInterval(() => {
      this.store
        .renewLease(instanceId, this.engineId, this.leaseExpiry())
        .then(current => {
          if (!current) {
            lost = true;
            run.stop(new Error('lease lost'));
            this.logger.warn(
              `Deployment engine ${this.engineId} lost the lease of instance ${instanceId} to another engine; stopped running it`,
            );
          } else {
            run.operationChanged(current.operation);
          }
        })
        .catch(error =>
          this.logger.warn(
            `Could not renew the lease of instance ${instanceId}: ${String(
              error,
            )}`,
          ),
        );
    }, this.options.leaseMs / 3);
    try {
      await run.execute();
    } finally {
      clearInterval(heartbeat);
      if (!lost) {
        await this.store.releaseLease(instanceId, this.engineId);
      }
    }
  }
}
