import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import {
  ContentInspector,
  DockerInspector,
  VmInspector,
} from './contentInspectors';
import { formatBytes, ImageRuleError, MAX_IMAGE_BYTES } from './errors';
import { ImageFileName } from './fileName';
import { VmFormat } from './vmFormat';

/** What an upload turned out to be, once every rule checked out. */
export type InspectionResult = {
  kind: 'docker' | 'vm';
  format: 'docker-archive' | VmFormat;
  /** Hex SHA-256 of the uploaded bytes. */
  sha256: string;
  /** Uploaded bytes. */
  sizeBytes: number;
  /** Bytes once decompressed: the tar's length for Docker, the file's for VMs. */
  unpackedBytes: number;
  docker?: { repoTags: string[]; layers: number; compressed: boolean };
};

export type ImageInspectorOptions = {
  fileName: ImageFileName;
  /** Limit for the upload and its decompressed content; defaults to {@link MAX_IMAGE_BYTES}. */
  maxBytes?: number;
};

export type ImageInspector = {
  /**
   * Passes the uploaded bytes through unchanged while checking them. Destroys
   * itself with an {@link ImageRuleError} as soon as a rule fails; the checks
   * that need the whole file run before it ends, so a writer downstream never
   * sees the end of an invalid file.
   */
  stream: Transform;
  /**
   * Resolves once the last byte has been checked and passed on; rejects with
   * the error the stream was destroyed with (the {@link ImageRuleError}, or
   * whatever aborted the upload).
   */
  result: Promise<InspectionResult>;
};

/**
 * Uploaded bytes are checked and passed on in batches of up to this size
 * rather than in the 64 KiB pieces the HTTP parser hands over: gzip then
 * inflates a batch per thread-pool job instead of a piece (about 40 % faster,
 * see bench/README.md), and every stage after the inspector (the store's
 * writes, the hash) does 16 times fewer calls.
 */
export const INSPECTOR_BATCH_BYTES = 1024 * 1024;

class ImageInspectorStream extends Transform {
  readonly result: Promise<InspectionResult>;
  readonly #maxBytes: number;
  readonly #hash: Hash = createHash('sha256');
  readonly #content: ContentInspector;
  #received = 0;
  #settled = false;
  #resolve!: (result: InspectionResult) => void;
  #reject!: (error: Error) => void;
  /** Received pieces not yet checked nor passed on; fewer than a batch. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Checks a partial batch once the pieces that arrived together are in. */
  #flushSoon: NodeJS.Immediate | undefined;
  /** Set while the content inspector has its fill; what waits to go on. */
  #waiting: (() => void) | undefined;
  #blocked = false;

  constructor(options: ImageInspectorOptions) {
    // two batches on the way to the store before the upload is paused
    super({ readableHighWaterMark: 2 * INSPECTOR_BATCH_BYTES });
    this.#maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
    this.result = new Promise<InspectionResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A caller that only watches the stream must not get an unhandled rejection.
    this.result.catch(() => {});
    this.#content =
      options.fileName.kind === 'docker'
        ? new DockerInspector(options.fileName, this.#maxBytes, error =>
            this.destroy(error),
          )
        : new VmInspector();
    // gunzip has inflated all it was given: whatever is pending goes now
    this.#content.onIdle = () => {
      if (!this.#blocked && !this.destroyed) {
        this.#checkPending();
      }
    };
  }

  _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ) {
    this.#received += chunk.length;
    if (this.#received > this.#maxBytes) {
      const tooBig = new ImageRuleError(
        413,
        'max-size',
        `upload exceeds ${formatBytes(this.#maxBytes)}: ${formatBytes(
          this.#received,
        )} received so far (rule: max-size)`,
      );
      // The bytes before this piece are checked and passed on first, as if
      // they had not been batched: a rule they break is the better answer.
      this.#whenReady(() => {
        this.#checkPending();
        if (!this.destroyed) {
          callback(tooBig);
        }
      });
      return;
    }
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    this.#whenReady(() => this.#accepted(callback));
  }

  _flush(callback: TransformCallback) {
    this.#whenReady(() => {
      this.#checkPending();
      if (this.destroyed) {
        return;
      }
      this.#content.end().then(
        inspected => {
          this.#settled = true;
          this.#resolve({
            ...inspected,
            sha256: this.#hash.digest('hex'),
            sizeBytes: this.#received,
          });
          callback();
        },
        error => callback(error),
      );
    });
  }

  _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    if (this.#flushSoon) {
      clearImmediate(this.#flushSoon);
      this.#flushSoon = undefined;
    }
    this.#pending = [];
    this.#waiting = undefined;
    this.#content.destroy();
    if (!this.#settled) {
      this.#settled = true;
      this.#reject(
        error ??
          new Error(
            'image upload was destroyed before it ended; nothing was inspected past that point',
          ),
      );
    }
    callback(error);
  }

  /**
   * Checks a full batch at once. A partial one is checked at the end of this
   * turn of the event loop if the content inspector is idle (so a slow upload
   * is checked as it comes, and a bomb's header refused at once), or else as
   * soon as it becomes idle (so gunzip gets large pieces while it is busy).
   */
  #accepted(callback: TransformCallback) {
    if (this.#pendingBytes >= INSPECTOR_BATCH_BYTES) {
      this.#checkPending();
      this.#whenReady(callback);
      return;
    }
    if (this.#content.backlog === 0) {
      this.#checkSoon();
    }
    callback();
  }

  #checkSoon() {
    this.#flushSoon ??= setImmediate(() => {
      this.#flushSoon = undefined;
      if (!this.#blocked && this.#content.backlog === 0) {
        this.#checkPending();
      }
    });
  }

  /** Runs `next` once the content inspector can take more. */
  #whenReady(next: () => void) {
    if (this.#blocked) {
      this.#waiting = next;
    } else if (!this.destroyed) {
      next();
    }
  }

  /**
   * Hashes, checks and passes on the pending pieces as one batch. The batch
   * goes on at once, so the store writes it while it inflates; the next one
   * waits until the content inspector has room.
   */
  #checkPending() {
    if (this.#flushSoon) {
      clearImmediate(this.#flushSoon);
      this.#flushSoon = undefined;
    }
    if (this.#pendingBytes === 0 || this.destroyed) {
      return;
    }
    const batch =
      this.#pending.length === 1
        ? this.#pending[0]
        : Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#hash.update(batch);
    let ready: boolean;
    try {
      ready = this.#content.write(batch);
    } catch (error) {
      this.destroy(error as Error);
      return;
    }
    this.push(batch);
    if (!ready && !this.#blocked) {
      this.#blocked = true;
      this.#content.onReady(() => {
        this.#blocked = false;
        const waiting = this.#waiting;
        this.#waiting = undefined;
        if (this.destroyed) {
          return;
        }
        if (waiting) {
          waiting();
        } else if (this.#pendingBytes > 0) {
          this.#checkSoon();
        }
      });
    }
  }
}

/**
 * Creates a streaming inspector for one uploaded image: SHA-256 and byte
 * count of the upload, gzip decoding and a walk of the tar headers for Docker
 * images, magic bytes for VM images, and every size, format and safety rule,
 * without holding more than small fixed windows of the file in memory.
 */
export function createImageInspector(
  options: ImageInspectorOptions,
): ImageInspector {
  const stream = new ImageInspectorStream(options);
  return { stream, result: stream.result };
}
