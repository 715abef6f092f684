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
 * Compressed bytes queued for the gunzip thread before the upload is paused:
 * enough to keep it busy while the next chunks arrive (~10 % faster than the
 * default 64 KiB), little enough to stay a small fixed window.
 */
const GUNZIP_QUEUE_BYTES = 1024 * 1024;

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
    this.#gunzip!.once('drain', callback);
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
    const options: ZlibOptions & TransformOptions = {
      chunkSize: GUNZIP_CHUNK_BYTES,
      writableHighWaterMark: GUNZIP_QUEUE_BYTES,
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
    return this.#gunzip.write(chunk);
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
