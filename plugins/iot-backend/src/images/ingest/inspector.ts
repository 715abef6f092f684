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

class ImageInspectorStream extends Transform {
  readonly result: Promise<InspectionResult>;
  readonly #maxBytes: number;
  readonly #hash: Hash = createHash('sha256');
  readonly #content: ContentInspector;
  #received = 0;
  #settled = false;
  #resolve!: (result: InspectionResult) => void;
  #reject!: (error: Error) => void;

  constructor(options: ImageInspectorOptions) {
    super();
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
  }

  _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ) {
    this.#received += chunk.length;
    if (this.#received > this.#maxBytes) {
      callback(
        new ImageRuleError(
          413,
          'max-size',
          `upload exceeds ${formatBytes(this.#maxBytes)}: ${formatBytes(
            this.#received,
          )} received so far (rule: max-size)`,
        ),
      );
      return;
    }
    this.#hash.update(chunk);
    let ready: boolean;
    try {
      ready = this.#content.write(chunk);
    } catch (error) {
      callback(error as Error);
      return;
    }
    if (ready) {
      callback(null, chunk);
      return;
    }
    // Passed on at once, so the store writes while the chunk inflates.
    this.push(chunk);
    this.#content.onReady(() => {
      if (!this.destroyed) {
        callback();
      }
    });
  }

  _flush(callback: TransformCallback) {
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
  }

  _destroy(error: Error | null, callback: (error?: Error | null) => void) {
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
