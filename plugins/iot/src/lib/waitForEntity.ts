import type { CatalogApi } from '@backstage/plugin-catalog-react';

/** How long a new app may take to reach the catalog before we stop waiting. */
export const CATALOG_WAIT_MS = 15_000;
const POLL_INTERVAL_MS = 1_000;

const sleep = (ms: number) =>
  new Promise(resolve => {
    setTimeout(resolve, ms);
  });

/**
 * Polls the catalog until `entityRef` is there: the iot backend publishes new
 * apps through an entity provider, so they appear a moment after creation.
 * Resolves true once the entity exists, false after `timeoutMs` or when
 * `signal` aborts. Failed look-ups count as "not yet".
 */
export async function waitForEntity(
  catalogApi: Pick<CatalogApi, 'getEntityByRef'>,
  entityRef: string,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    signal?: AbortSignal;
  } = {},
): Promise<boolean> {
  const {
    timeoutMs = CATALOG_WAIT_MS,
    intervalMs = POLL_INTERVAL_MS,
    signal,
  } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) {
      return false;
    }
    try {
      if (await catalogApi.getEntityByRef(entityRef)) {
        return true;
      }
    } catch {
      // the catalog may briefly fail while it processes; keep polling
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) {
      return false;
    }
    await sleep(Math.min(intervalMs, left));
  }
}
