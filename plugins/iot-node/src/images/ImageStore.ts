import type { Readable } from 'node:stream';

/**
 * Where uploaded image bytes live. The default keeps them under the portal's
 * data directory; production can use S3-compatible object storage. Stores
 * only move bytes: validation happens before the bytes reach them.
 *
 * @public
 */
export interface ImageStore {
  /**
   * Streams `body` into the store under `key`. Nothing is visible under
   * `key` until the stream has ended successfully; when `body` errors or is
   * destroyed, the partial bytes are removed before the promise rejects.
   */
  write(key: string, body: Readable): Promise<{ sizeBytes: number }>;
  /** Opens a stored object; rejects with a NotFoundError when it is absent. */
  read(key: string): Promise<Readable>;
  /** Removes an object; does nothing when it is absent. */
  delete(key: string): Promise<void>;
  /** Every complete object's key, for reconciling with the database. */
  list(): AsyncIterable<string>;
  /**
   * Removes what interrupted writes left behind (e.g. after a crash).
   * Returns how many partial objects were removed.
   */
  removeIncomplete(): Promise<number>;
}
