import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** One entry of a hand-built zip; every field a hostile archive could lie in. */
export type RawZipEntry = {
  name: string | Buffer;
  /** The content before compression. */
  data?: Buffer | string;
  /** 0 stored, 8 deflated (the default), anything else as it is. */
  method?: number;
  /** General purpose bit flags; the default marks the name as UTF-8. */
  flags?: number;
  /** Unix mode in the external attributes; the default is a 0644 file. */
  unixMode?: number;
  /** Uncompressed size to declare instead of the real one. */
  declaredSize?: number;
  /** CRC-32 to declare instead of the real one. */
  crc32?: number;
  /** Extra fields of the central directory record, raw. */
  extraFields?: Buffer;
};

/**
 * A zip built byte by byte, so that tests can make archives no zip library
 * would write: lying sizes, links, encryption flags, names with `..`.
 */
export function buildZip(
  entries: RawZipEntry[],
  options: { declaredEntryCount?: number } = {},
): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name)
      ? entry.name
      : Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data ?? '');
    const method = entry.method ?? 8;
    const stored = method === 8 ? zlib.deflateRawSync(data) : data;
    const flags = entry.flags ?? 0x800;
    const crc = entry.crc32 ?? zlib.crc32(data);
    const size = entry.declaredSize ?? data.length;
    const extra = entry.extraFields ?? Buffer.alloc(0);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE((3 << 8) | 20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(stored.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE((entry.unixMode ?? 0o100644) * 0x10000, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, stored);
    central.push(header, name, extra);
    offset += local.length + name.length + stored.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const count = options.declaredEntryCount ?? entries.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/**
 * An Info-ZIP unicode path extra field (0x7075) that renames the entry whose
 * raw name is `rawName` to `unicodeName` for the tools that read it.
 */
export function unicodePathField(rawName: string, unicodeName: string): Buffer {
  const name = Buffer.from(unicodeName, 'utf8');
  const field = Buffer.alloc(9 + name.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + name.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(zlib.crc32(Buffer.from(rawName, 'utf8')), 5);
  name.copy(field, 9);
  return field;
}

/** `buffer` as an upload arriving in pieces of `chunkBytes`. */
export function streamOf(buffer: Buffer, chunkBytes = 16 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let start = 0; start < buffer.length; start += chunkBytes) {
    chunks.push(buffer.subarray(start, start + chunkBytes));
  }
  return Readable.from(chunks);
}

/**
 * An upload of `totalBytes` that arrives one piece per event loop turn, like
 * a request body, and counts how much of it was produced.
 */
export function slowUpload(
  totalBytes: number,
  chunkBytes = 16 * 1024,
): { stream: Readable; produced: () => number } {
  let produced = 0;
  const stream = new Readable({
    read() {
      setImmediate(() => {
        if (produced >= totalBytes) {
          this.push(null);
          return;
        }
        const size = Math.min(chunkBytes, totalBytes - produced);
        const chunk = Buffer.alloc(size);
        if (produced === 0) {
          chunk.writeUInt32LE(0x04034b50, 0);
        }
        produced += size;
        this.push(chunk);
      });
    },
  });
  return { stream, produced: () => produced };
}
