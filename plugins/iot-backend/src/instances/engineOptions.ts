import { Config } from '@backstage/config';

/** How the deployment engine runs instances (`iot.deployments`, config.d.ts). */
export type EngineOptions = {
  /** Resources of one instance created or deleted at the same time. */
  parallelism: number;
  /** How long a lease holds without a heartbeat; a crashed engine's instances are taken over after it. */
  leaseMs: number;
  /** Bound on one create or delete attempt; a timeout counts as a transient error. */
  attemptTimeoutMs: number;
  retry: {
    /** Attempts per operation, the first included. */
    maxAttempts: number;
    /** Backoff before the second attempt; doubled before each next one. */
    initialDelayMs: number;
    maxDelayMs: number;
  };
};

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  parallelism: 10,
  leaseMs: 30_000,
  attemptTimeoutMs: 30 * 60_000,
  retry: { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 60_000 },
};

function positive(config: Config | undefined, key: string): number | undefined {
  const value = config?.getOptionalNumber(key);
  if (value !== undefined && !(value > 0)) {
    throw new Error(
      `iot.deployments.${key} must be a number above 0; got ${value}`,
    );
  }
  return value;
}

/** The engine's options from config, defaults for what is not set. */
export function readEngineOptions(config: Config): EngineOptions {
  const deployments = config.getOptionalConfig('iot.deployments');
  const seconds = (key: string) => {
    const value = positive(deployments, key);
    return value === undefined ? undefined : value * 1000;
  };
  const defaults = DEFAULT_ENGINE_OPTIONS;
  return {
    parallelism: Math.trunc(
      positive(deployments, 'parallelism') ?? defaults.parallelism,
    ),
    leaseMs: seconds('leaseSeconds') ?? defaults.leaseMs,
    attemptTimeoutMs:
      seconds('attemptTimeoutSeconds') ?? defaults.attemptTimeoutMs,
    retry: {
      maxAttempts: Math.trunc(
        positive(deployments, 'retry.maxAttempts') ??
          defaults.retry.maxAttempts,
      ),
      initialDelayMs:
        seconds('retry.initialDelaySeconds') ?? defaults.retry.initialDelayMs,
      maxDelayMs: seconds('retry.maxDelaySeconds') ?? defaults.retry.maxDelayMs,
    },
  };
}

/**
 * Backoff before attempt `attempt + 1`: exponential from `initialDelayMs`,
 * capped, with "equal jitter" (half fixed, half random) so that retries of
 * many resources spread out, and at least the provider's hint.
 */
export function backoffMs(
  retry: EngineOptions['retry'],
  attempt: number,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    retry.maxDelayMs,
    retry.initialDelayMs * 2 ** (attempt - 1),
  );
  return Math.max(retryAfterMs, exponential / 2 + random() * (exponential / 2));
}
