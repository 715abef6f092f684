/**
 * A provider error that may go away when the operation is tried again
 * (throttling, a timeout, a busy cloud API): the engine retries it with
 * exponential backoff and jitter, up to its attempt limit. Every other
 * error a provider throws is permanent.
 *
 * @public
 */
export class TransientProviderError extends Error {
  /** The cloud's hint, e.g. from a Retry-After header; the engine waits at least this long. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    options?: { retryAfterMs?: number; cause?: unknown },
  ) {
    super(
      message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'TransientProviderError';
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/**
 * Whether an error is transient. By name as well as by class, so that a
 * provider built against another copy of this package is understood.
 *
 * @public
 */
export function isTransientProviderError(
  error: unknown,
): error is TransientProviderError {
  return (
    error instanceof TransientProviderError ||
    (error instanceof Error && error.name === 'TransientProviderError')
  );
}
