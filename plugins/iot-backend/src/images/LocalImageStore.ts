import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { ImageStore } from '@internal/backstage-plugin-iot-node';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Config key of the directory the local store writes to. */
export const LOCAL_DIRECTORY_CONFIG_KEY = 'iot.images.local.directory';

/**
 * Bytes queued for the disk before the upload is paused: what arrives while
 * one write is under way goes to disk in the next (one writev).
 */
const WRITE_BUFFER_BYTES = 1024 * 1024;

/** Suffix of a file being written; never visible as a key. */
const PARTIAL_MARKER = '.partial-';

/** Path segments of a key: no empty, `.` or `..` segments, no partial marker. */
const KEY_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9._+-]*(\/[A-Za-z0-9][A-Za-z0-9._+-]*)*$/;

/**
 * The default image store: one file per key under a local directory. A write
 * goes to `<key>.partial-<random>`, is fsynced and then renamed, so a key
 * only ever names complete bytes; a crash leaves at most a partial file,
 * which {@link LocalImageStore.removeIncomplete} deletes at the next start.
 */
export class LocalImageStore implements ImageStore {
  static fromConfig(config: Config): LocalImageStore {
    const directory = config.getOptionalString(LOCAL_DIRECTORY_CONFIG_KEY);
    if (!directory) {
      throw new Error(
        `The iot plugin needs somewhere to keep uploaded images: set ${LOCAL_DIRECTORY_CONFIG_KEY} ` +
          `(e.g. to \${PORTAL_DATA_DIR:-../../.data}/images) or install a module that provides an image store`,
      );
    }
    return new LocalImageStore(path.resolve(directory));
  }

  constructor(private readonly directory: string) {}

  async write(key: string, body: Readable): Promise<{ sizeBytes: number }> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}${PARTIAL_MARKER}${randomBytes(8).toString(
      'hex',
    )}`;
    let sizeBytes = 0;
    try {
      // flush: fsync before close, so the rename publishes durable bytes
      const file = createWriteStream(partial, {
        flags: 'wx',
        flush: true,
        highWaterMark: WRITE_BUFFER_BYTES,
      });
      await pipeline(body, file);
      sizeBytes = file.bytesWritten;
      await fs.rename(partial, target);
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw error;
    }
    await syncDirectory(path.dirname(target));
    return { sizeBytes };
  }

  async read(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      const handle = await fs.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`No stored image under key '${key}'`);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<string> {
    for await (const file of this.files()) {
      if (!file.includes(PARTIAL_MARKER)) {
        yield file;
      }
    }
  }

  async removeIncomplete(): Promise<number> {
    let removed = 0;
    for await (const file of this.files()) {
      if (file.includes(PARTIAL_MARKER)) {
        await fs.rm(path.join(this.directory, file), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key) || key.includes(PARTIAL_MARKER)) {
      throw new InputError(
        `image store keys are '/'-separated names of letters, digits, '.', '_', '+' and '-'; got '${key}'`,
      );
    }
    return path.join(this.directory, ...key.split('/'));
  }

  /** Every regular file under the directory, as a '/'-separated relative path. */
  private async *files(relative: string[] = []): AsyncIterable<string> {
    let entries;
    try {
      entries = await fs.readdir(path.join(this.directory, ...relative), {
        withFileTypes: true,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return;
      }
      throw error;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        yield* this.files([...relative, entry.name]);
      } else if (entry.isFile()) {
        yield [...relative, entry.name].join('/');
      }
    }
  }
}

/** Makes a rename durable; not every platform can fsync a directory. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, 'r').catch(() => undefined);
  if (!handle) {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // e.g. EISDIR/EPERM on platforms without directory fsync; nothing to do
  } finally {
    await handle.close();
  }
}
