import { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed call: the server's own message (which
 * says what to do) rather than the client's "Request failed with 409".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body.error.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * True for the rejection of a request cancelled through its AbortSignal. By
 * name: a DOMException is not an `Error` instance in every environment.
 */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AbortError'
  );
}

/** True for a 403 answer: the caller lacks a permission, not something to retry. */
export function isNotAllowed(error: unknown): boolean {
  if (error instanceof ResponseError) {
    return error.statusCode === 403;
  }
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'NotAllowedError'
  );
}
