import { TransformOptions } from 'node:stream';
import { createGunzip, Gunzip, ZlibOptions } from 'node:zlib';
import { checkDockerSave, collectDockerMetadata } from './dockerArchive';
import { formatBytes, ImageRuleError } from './errors';
import { ImageFileName } from './fileName';
import { formatHex, TarWalker } from './tarWalker';
import {
  detectVmFormat,
  VM_HEAD_BYTES,
  VM_SIGNATURES,
  VM_TAIL_BYTES,
  VmFormat,
} from './vmFormat';

/** Output chunk of the gunzip stream; large ones inflate about twice as fast. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;
/**
 * Compressed bytes given to gunzip and not yet inflated before the upload is
 * paused: two of the inspector's 1 MiB batches, one being inflated while the
 * next waits, so the thread never waits for input and the window stays small
 * and fixed. Counted as gunzip consumes each piece rather than by its 'drain',
 * which only comes once its queue is empty (and the thread idle).
 */
const GUNZIP_BACKLOG_BYTES = 2 * 1024 * 1024;

/** What the content says, before the upload's hash and size are added. */
export type ContentInspection = {
  kind: 'docker' | 'vm';
  format: 'docker-archive' | VmFormat;
  unpackedBytes: number;
  docker?: { repoTags: string[]; layers: number; compressed: boolean };
};

/** The format-specific part of an inspector. */
export type ContentInspector = {
  /** Inspects a chunk; false when the next must wait for {@link ContentInspector.onReady}. */
  write(chunk: Buffer): boolean;
  onReady(callback: () => void): void;
  /** Bytes written but not inspected yet (queued for another thread). */
  readonly backlog: number;
  /** Called each time the backlog falls to zero: the inspector is idle. */
  onIdle?: () => void;
  /** Runs the checks that need the whole file. */
  end(): Promise<ContentInspection>;
  destroy(): void;
};

/** Docker images: gzip or plain tar, per the file name, then the tar walk. */
export class DockerInspector implements ContentInspector {
  readonly #compressed: boolean;
  readonly #maxBytes: number;
  readonly #fail: (error: Error) => void;
  readonly #walker: TarWalker;
  #head: Buffer[] | undefined = [];
  #gunzip: Gunzip | undefined;
  #gunzipDone: Promise<void> | undefined;
  #inflated = 0;
  #failed = false;
  /** Compressed bytes written to gunzip that it has not consumed yet. */
  #backlog = 0;
  #onReady: (() => void) | undefined;
  onIdle?: () => void;

  constructor(
    fileName: ImageFileName,
    maxBytes: number,
    fail: (error: Error) => void,
  ) {
    this.#compressed = fileName.extension === 'tar.gz';
    this.#maxBytes = maxBytes;
    this.#fail = fail;
    this.#walker = new TarWalker({
      maxBytes,
      contentLabel: this.#compressed
        ? 'the decompressed content'
        : 'the content',
      collect: collectDockerMetadata,
    });
  }

  write(chunk: Buffer): boolean {
    if (this.#head) {
      this.#head.push(chunk);
      if (!this.#decide(false)) {
        return true;
      }
      const head = Buffer.concat(this.#head);
      this.#head = undefined;
      return this.#feed(head);
    }
    return this.#feed(chunk);
  }

  onReady(callback: () => void) {
    if (this.#backlog < GUNZIP_BACKLOG_BYTES) {
      callback();
    } else {
      this.#onReady = callback;
    }
  }

  get backlog(): number {
    return this.#backlog;
  }

  async end(): Promise<ContentInspection> {
    if (this.#head) {
      this.#decide(true);
      const head = Buffer.concat(this.#head);
      this.#head = undefined;
      this.#feed(head);
    }
    if (this.#gunzip) {
      this.#gunzip.end();
      await this.#gunzipDone;
    }
    const archive = this.#walker.end();
    const docker = checkDockerSave(archive);
    return {
      kind: 'docker' as const,
      format: 'docker-archive' as const,
      unpackedBytes: archive.bytes,
      docker: { ...docker, compressed: this.#compressed },
    };
  }

  destroy() {
    this.#failed = true;
    this.#gunzip?.destroy();
  }

  /**
   * Checks the content against the extension once enough of it is there;
   * false while it needs more bytes.
   */
  #decide(final: boolean): boolean {
    const head =
      this.#head!.length === 1 ? this.#head![0] : Buffer.concat(this.#head!);
    this.#head = [head];
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    if (head.length < 2 && !final) {
      return false;
    }
    if (!this.#compressed) {
      if (gzip) {
        throw new ImageRuleError(
          422,
          'extension-matches-content',
          `the file is named .tar but its content is gzip-compressed (it starts with ${formatHex(
            head,
            2,
          )}); name it .tar.gz (rule: extension-matches-content)`,
        );
      }
      return true;
    }
    if (gzip) {
      this.#startGunzip();
      return true;
    }
    if (head.length < 512 && !final) {
      return false;
    }
    if (head.length >= 512 && isTarHeader(head)) {
      throw new ImageRuleError(
        422,
        'extension-matches-content',
        'the file is named .tar.gz but its content is a plain tar, not gzip-compressed; name it .tar (rule: extension-matches-content)',
      );
    }
    throw new ImageRuleError(
      415,
      'archive-format',
      `a Docker image must be a tar or a gzip-compressed tar; the content is neither (it starts with ${
        head.length ? formatHex(head, 8) : 'nothing: the file is empty'
      }) (rule: archive-format)`,
    );
  }

  #startGunzip() {
    // zlib streams take the Transform options too; ZlibOptions does not say so
    // (the queue is bounded by #feed, not by gunzip's high-water mark)
    const options: ZlibOptions & TransformOptions = {
      chunkSize: GUNZIP_CHUNK_BYTES,
      writableHighWaterMark: 64 * 1024 * 1024,
    };
    const gunzip = createGunzip(options);
    this.#gunzip = gunzip;
    gunzip.on('data', (data: Buffer) => {
      if (this.#failed) {
        return;
      }
      this.#inflated += data.length;
      try {
        if (this.#inflated > this.#maxBytes) {
          throw new ImageRuleError(
            413,
            'max-size',
            `decompressed size exceeds ${formatBytes(
              this.#maxBytes,
            )}: ${formatBytes(
              this.#inflated,
            )} inflated so far (rule: max-size)`,
          );
        }
        this.#walker.write(data);
      } catch (error) {
        this.#failed = true;
        this.#fail(error as Error);
      }
    });
    this.#gunzipDone = new Promise<void>((resolve, reject) => {
      gunzip.on('end', resolve);
      gunzip.on('error', (error: NodeJS.ErrnoException) => {
        const refusal = new ImageRuleError(
          422,
          'archive-integrity',
          `the gzip stream is ${
            error.code === 'Z_BUF_ERROR' ? 'truncated' : 'corrupt'
          } (${error.message}) after ${formatBytes(
            gunzip.bytesWritten,
          )} of compressed data (rule: archive-integrity)`,
        );
        reject(refusal);
        if (!this.#failed) {
          this.#failed = true;
          this.#fail(refusal);
        }
      });
    });
    // Rejections surface through end(); errors after a failure are moot.
    this.#gunzipDone.catch(() => {});
  }

  #feed(chunk: Buffer): boolean {
    if (!this.#gunzip) {
      this.#walker.write(chunk);
      return true;
    }
    this.#backlog += chunk.length;
    const size = chunk.length;
    this.#gunzip.write(chunk, () => this.#consumed(size));
    return this.#backlog < GUNZIP_BACKLOG_BYTES;
  }

  #consumed(size: number) {
    this.#backlog -= size;
    const onReady = this.#onReady;
    if (onReady && this.#backlog < GUNZIP_BACKLOG_BYTES) {
      this.#onReady = undefined;
      onReady();
    }
    if (this.#backlog === 0 && !this.#failed) {
      this.onIdle?.();
    }
  }
}

function isTarHeader(block: Buffer): boolean {
  return block.toString('latin1', 257, 262) === 'ustar';
}

/** VM images: the first and last bytes are kept to recognise the format. */
export class VmInspector implements ContentInspector {
  readonly #head = Buffer.alloc(VM_HEAD_BYTES);
  #headFill = 0;
  readonly #tail = Buffer.alloc(VM_TAIL_BYTES);
  #tailFill = 0;
  #bytes = 0;

  write(chunk: Buffer): boolean {
    this.#bytes += chunk.length;
    if (this.#headFill < VM_HEAD_BYTES) {
      this.#headFill += chunk.copy(this.#head, this.#headFill);
    }
    if (chunk.length >= VM_TAIL_BYTES) {
      chunk.copy(this.#tail, 0, chunk.length - VM_TAIL_BYTES);
      this.#tailFill = VM_TAIL_BYTES;
    } else {
      const keep = Math.min(this.#tailFill, VM_TAIL_BYTES - chunk.length);
      this.#tail.copy(this.#tail, 0, this.#tailFill - keep, this.#tailFill);
      chunk.copy(this.#tail, keep);
      this.#tailFill = keep + chunk.length;
    }
    return true;
  }

  onReady(callback: () => void) {
    callback();
  }

  readonly backlog = 0;

  async end(): Promise<ContentInspection> {
    const head = this.#head.subarray(0, this.#headFill);
    const format = detectVmFormat(head, this.#tail.subarray(0, this.#tailFill));
    if (!format) {
      throw new ImageRuleError(
        415,
        'vm-format',
        `the content is not a recognised VM image: it has none of the signatures of ${VM_SIGNATURES}; it starts with ${
          head.length ? formatHex(head, 8) : 'nothing: the file is empty'
        } (rule: vm-format)`,
      );
    }
    return {
      kind: 'vm' as const,
      format,
      unpackedBytes: this.#bytes,
    };
  }

  destroy() {}
}
