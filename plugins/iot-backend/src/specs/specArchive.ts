import {
  MAX_SPEC_ARCHIVE_BYTES,
  SPEC_MANIFEST_FILE,
  SPEC_MANIFEST_VERSION,
  SpecManifest,
  specManifestSchema,
} from '@internal/backstage-plugin-iot-common';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { z } from 'zod/v4';
import { formatBytes } from '../images/ingest';
import { quote } from '../images/ingest/fileName';

/** Most entries a spec archive may hold; an export has two. */
export const MAX_SPEC_ARCHIVE_ENTRIES = 16;

/** Most bytes the entries of a spec archive may unpack to, declared or inflated. */
export const MAX_SPEC_ARCHIVE_UNPACKED_BYTES = 2 * 1024 * 1024;

/** File name of the note for humans inside a spec archive. */
export const SPEC_ARCHIVE_README_FILE = 'README.md';

/**
 * The names of the rules a spec archive is checked against on import; each
 * refusal names one of them.
 */
export type SpecArchiveRule =
  /** The upload is at most `maxBytes` (500 KiB). */
  | 'max-size'
  /** A zip archive, its entries stored or deflated. */
  | 'archive-format'
  /** The zip structure, sizes and CRC-32 checksums agree. */
  | 'archive-integrity'
  /** At most {@link MAX_SPEC_ARCHIVE_ENTRIES} entries. */
  | 'max-entries'
  /** Declared and inflated sizes stay within {@link MAX_SPEC_ARCHIVE_UNPACKED_BYTES}. */
  | 'max-unpacked-size'
  /** Relative names without `..`, backslashes, drive letters or NUL; only files and folders; each name once. */
  | 'safe-paths'
  /** No encrypted entries. */
  | 'no-encryption'
  /** `iot-spec.json` at the top level. */
  | 'manifest-missing'
  /** The manifest is UTF-8 JSON. */
  | 'manifest-json'
  /** The manifest has the version this portal reads. */
  | 'manifest-version'
  /** The manifest matches the schema of that version. */
  | 'manifest-schema';

/**
 * A spec archive broke a rule. The message names the rule and the offending
 * value, and is meant to be shown to the importer as it is.
 */
export class SpecArchiveError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly rule: SpecArchiveRule,
    message: string,
  ) {
    super(message);
    this.name = 'SpecArchiveError';
  }
}

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);

/**
 * The `.zip` an exported spec is (SPEC-5): `iot-spec.json`, the manifest as
 * pretty JSON, and `README.md`, which tells a person what the file is and how
 * to import it. The same manifest always gives the same bytes.
 */
export async function writeSpecArchive(
  manifest: SpecManifest,
): Promise<Buffer> {
  const parsed = specManifestSchema.safeParse(manifest, { reportInput: true });
  if (!parsed.success) {
    throw new SpecArchiveError(
      422,
      'manifest-schema',
      `cannot export the spec: it does not match spec archive manifest version ${SPEC_MANIFEST_VERSION}: ${describeIssues(
        parsed.error.issues,
      )} (rule: manifest-schema)`,
    );
  }
  return writeZip(
    [
      {
        name: SPEC_MANIFEST_FILE,
        data: Buffer.from(`${JSON.stringify(parsed.data, null, 2)}\n`),
      },
      {
        name: SPEC_ARCHIVE_README_FILE,
        data: Buffer.from(readme(parsed.data)),
      },
    ],
    dosDateTime(parsed.data.exportedAt),
  );
}

/**
 * Reads a spec archive (SPEC-2) from an upload and returns its manifest.
 *
 * Hostile input is expected. At most `maxBytes` (default 500 KiB) are read;
 * on the byte past that the upload is refused before anything is unpacked,
 * and the rest of `source` is drained without being kept, so that an HTTP
 * request can still be answered. Only the central directory is trusted for
 * listing, and only `iot-spec.json` is ever inflated, with the inflated bytes
 * bounded whatever its header declares. Nothing is written anywhere.
 *
 * @throws SpecArchiveError naming the rule the archive broke.
 */
export async function readSpecArchive(
  source: Readable,
  options: { maxBytes?: number } = {},
): Promise<SpecManifest> {
  const archive = await readAtMost(
    source,
    options.maxBytes ?? MAX_SPEC_ARCHIVE_BYTES,
  );
  checkZipSignature(archive);
  const zip = await openZip(archive);
  try {
    const entry = await findManifest(zip);
    return parseManifest(await extract(zip, archive, entry));
  } finally {
    zip.close();
  }
}

function readAtMost(source: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const listeners: Array<[string, (...args: any[]) => void]> = [];
    const listen = (event: string, listener: (...args: any[]) => void) => {
      listeners.push([event, listener]);
      source.on(event, listener);
    };
    const detach = () => {
      for (const [event, listener] of listeners) {
        source.off(event, listener);
      }
    };

    listen('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      detach();
      chunks.length = 0;
      // Drained rather than destroyed: a request whose body is still
      // arriving could not be answered. Errors after this are not ours.
      source.on('error', () => {});
      source.resume();
      reject(
        new SpecArchiveError(
          413,
          'max-size',
          `spec archive exceeds ${formatBytes(maxBytes)}: ${formatBytes(
            received,
          )} received so far; refused before unpacking (rule: max-size)`,
        ),
      );
    });
    listen('end', () => {
      detach();
      resolve(Buffer.concat(chunks, received));
    });
    listen('error', (error: Error) => {
      detach();
      reject(error);
    });
    listen('close', () => {
      detach();
      reject(
        new Error(
          `the spec archive upload was closed after ${formatBytes(
            received,
          )}, before it ended`,
        ),
      );
    });
  });
}

const LOCAL_FILE_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/** A zip starts with its first entry, or with the end record when it is empty. */
function checkZipSignature(archive: Buffer) {
  const signature = archive.length >= 4 ? archive.readUInt32LE(0) : undefined;
  if (
    signature !== LOCAL_FILE_HEADER &&
    signature !== END_OF_CENTRAL_DIRECTORY
  ) {
    throw new SpecArchiveError(
      415,
      'archive-format',
      `spec archive is not a zip file: it starts with ${
        archive.length
          ? `bytes ${archive
              .subarray(0, 8)
              .toString('hex')
              .replace(/(..)(?!$)/g, '$1 ')}`
          : 'nothing (it is empty)'
      }, not 'PK'; import the .zip the portal exported (rule: archive-format)`,
    );
  }
}

async function openZip(archive: Buffer): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.fromBufferPromise(archive, {
      lazyEntries: true,
      autoClose: false,
      // Names and sizes are checked below, with messages naming the rule.
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    throw new SpecArchiveError(
      415,
      'archive-format',
      `spec archive is not a readable zip file: ${
        (error as Error).message
      } (rule: archive-format)`,
    );
  }
}

const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8 = 0x800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const FILE_TYPE_MASK = 0o170000;
const FILE_TYPES: Record<number, string> = {
  0o010000: 'a fifo',
  0o020000: 'a character device',
  0o060000: 'a block device',
  0o120000: 'a symbolic link',
  0o140000: 'a socket',
};
const REGULAR_FILE = 0o100000;
const DIRECTORY = 0o040000;

/**
 * Checks every entry of the central directory and returns the manifest's.
 * Nothing is unpacked before all of them passed.
 */
async function findManifest(zip: yauzl.ZipFile): Promise<yauzl.Entry> {
  if (zip.entryCount > MAX_SPEC_ARCHIVE_ENTRIES) {
    throw new SpecArchiveError(
      422,
      'max-entries',
      `spec archive has ${zip.entryCount} entries, more than the ${MAX_SPEC_ARCHIVE_ENTRIES} allowed; an exported spec has 2 (rule: max-entries)`,
    );
  }
  const names = new Set<string>();
  let declaredBytes = 0;
  let manifest: yauzl.Entry | undefined;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = checkEntry(entry, names);
      declaredBytes += entry.uncompressedSize;
      if (declaredBytes > MAX_SPEC_ARCHIVE_UNPACKED_BYTES) {
        throw new SpecArchiveError(
          422,
          'max-unpacked-size',
          `spec archive entries declare more than ${formatBytes(
            MAX_SPEC_ARCHIVE_UNPACKED_BYTES,
          )} unpacked: ${formatBytes(declaredBytes)} up to entry ${quote(
            name,
          )}, which declares ${formatBytes(
            entry.uncompressedSize,
          )} (rule: max-unpacked-size)`,
        );
      }
      if (name === SPEC_MANIFEST_FILE) {
        manifest = entry;
      }
    }
  } catch (error) {
    if (error instanceof SpecArchiveError) {
      throw error;
    }
    throw corrupt((error as Error).message);
  }
  if (!manifest) {
    throw new SpecArchiveError(
      422,
      'manifest-missing',
      `spec archive has no ${SPEC_MANIFEST_FILE} at its top level; ${
        names.size
          ? `it holds ${[...names].map(n => quote(n)).join(', ')}`
          : 'it is empty'
      }. Import the .zip the portal exported, unchanged (rule: manifest-missing)`,
    );
  }
  return manifest;
}

/** Refuses an entry that breaks a rule; returns its name. */
function checkEntry(entry: yauzl.Entry, seen: Set<string>): string {
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  // An Info-ZIP unicode path field may name the entry differently from
  // its raw name; tools pick either, so both must be safe.
  const rawName = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    [],
    true,
  );
  for (const candidate of new Set([name, rawName])) {
    const unsafe = unsafePath(candidate);
    if (unsafe) {
      throw new SpecArchiveError(
        422,
        'safe-paths',
        `spec archive entry ${quote(
          candidate,
        )} ${unsafe}; entries must be relative paths inside the archive (rule: safe-paths)`,
      );
    }
  }
  const fileType = (entry.externalFileAttributes >>> 16) & FILE_TYPE_MASK;
  if (fileType !== 0 && fileType !== REGULAR_FILE && fileType !== DIRECTORY) {
    throw new SpecArchiveError(
      422,
      'safe-paths',
      `spec archive entry ${quote(name)} is ${
        FILE_TYPES[fileType] ?? 'a special file'
      } (unix mode ${(entry.externalFileAttributes >>> 16).toString(
        8,
      )}); only files and folders are allowed (rule: safe-paths)`,
    );
  }
  if (seen.has(name)) {
    throw new SpecArchiveError(
      422,
      'safe-paths',
      `spec archive has two entries named ${quote(
        name,
      )}; each name may appear once (rule: safe-paths)`,
    );
  }
  seen.add(name);
  if (entry.generalPurposeBitFlag & FLAG_ENCRYPTED) {
    throw new SpecArchiveError(
      422,
      'no-encryption',
      `spec archive entry ${quote(
        name,
      )} is encrypted; import the .zip the portal exported, which has no password (rule: no-encryption)`,
    );
  }
  if (
    entry.compressionMethod !== METHOD_STORED &&
    entry.compressionMethod !== METHOD_DEFLATED
  ) {
    throw new SpecArchiveError(
      415,
      'archive-format',
      `spec archive entry ${quote(name)} uses compression method ${
        entry.compressionMethod
      }; only stored (0) and deflated (8) entries are read (rule: archive-format)`,
    );
  }
  return name;
}

function unsafePath(name: string): string | undefined {
  if (name === '') {
    return 'has an empty name';
  }
  if (name.includes('\0')) {
    return 'contains a NUL character';
  }
  if (name.includes('\\')) {
    return 'contains a backslash';
  }
  if (name.startsWith('/')) {
    return 'is an absolute path';
  }
  if (/^[A-Za-z]:/.test(name)) {
    return 'starts with a drive letter';
  }
  if (name.split('/').includes('..')) {
    return "leads out of the archive with '..'";
  }
  return undefined;
}

/** The manifest's bytes, inflated to at most the unpacked bound and checked. */
async function extract(
  zip: yauzl.ZipFile,
  archive: Buffer,
  entry: yauzl.Entry,
): Promise<Buffer> {
  let stored: Buffer;
  try {
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, {
      minimal: true,
    });
    stored = archive.subarray(
      fileDataStart,
      fileDataStart + entry.compressedSize,
    );
  } catch (error) {
    throw corrupt((error as Error).message);
  }

  let data = stored;
  if (entry.compressionMethod === METHOD_DEFLATED) {
    try {
      data = await inflateRaw(stored, {
        maxOutputLength: MAX_SPEC_ARCHIVE_UNPACKED_BYTES,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new SpecArchiveError(
          422,
          'max-unpacked-size',
          `spec archive entry ${quote(
            SPEC_MANIFEST_FILE,
          )} inflates past ${formatBytes(
            MAX_SPEC_ARCHIVE_UNPACKED_BYTES,
          )} though it declares ${formatBytes(
            entry.uncompressedSize,
          )}; refused as a zip bomb (rule: max-unpacked-size)`,
        );
      }
      throw corrupt(
        `entry ${quote(SPEC_MANIFEST_FILE)} does not inflate: ${
          (error as Error).message
        }`,
      );
    }
  }
  if (data.length !== entry.uncompressedSize) {
    throw corrupt(
      `entry ${quote(SPEC_MANIFEST_FILE)} unpacks to ${formatBytes(
        data.length,
      )} but declares ${formatBytes(entry.uncompressedSize)}`,
    );
  }
  const crc = zlib.crc32(data);
  if (crc !== entry.crc32) {
    throw corrupt(
      `entry ${quote(SPEC_MANIFEST_FILE)} fails its CRC-32 check (${hex32(
        crc,
      )}, declared ${hex32(entry.crc32)})`,
    );
  }
  return data;
}

function corrupt(what: string): SpecArchiveError {
  return new SpecArchiveError(
    422,
    'archive-integrity',
    `spec archive is corrupt: ${what} (rule: archive-integrity)`,
  );
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

function parseManifest(bytes: Buffer): SpecManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new SpecArchiveError(
      422,
      'manifest-json',
      `spec archive manifest ${SPEC_MANIFEST_FILE} is not valid UTF-8 JSON: ${
        (error as Error).message
      } (rule: manifest-json)`,
    );
  }

  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const version = (value as Record<string, unknown>).manifestVersion;
    if (version !== SPEC_MANIFEST_VERSION) {
      throw new SpecArchiveError(
        422,
        'manifest-version',
        `${
          version === undefined
            ? `spec archive manifest ${SPEC_MANIFEST_FILE} has no manifestVersion`
            : `spec archive manifest version ${shortJson(
                version,
              )} is not supported`
        }; this portal reads version ${SPEC_MANIFEST_VERSION} (export the spec again from a current portal) (rule: manifest-version)`,
      );
    }
  }

  const parsed = specManifestSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new SpecArchiveError(
      422,
      'manifest-schema',
      `spec archive manifest ${SPEC_MANIFEST_FILE} does not match manifest version ${SPEC_MANIFEST_VERSION}: ${describeIssues(
        parsed.error.issues,
      )} (rule: manifest-schema)`,
    );
  }
  return parsed.data;
}

const MAX_LISTED_ISSUES = 10;

/** `spec.name: is required; graph.nodes.0.type: must be a resource type id (got 'VM')`. */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map(issue => {
    const where = issue.path.length
      ? issue.path.map(String).join('.')
      : '(manifest)';
    const input = (issue as { input?: unknown }).input;
    const got =
      input === null || ['string', 'number', 'boolean'].includes(typeof input)
        ? ` (got ${shortJson(input)})`
        : '';
    return `${where}: ${issue.message}${got}`;
  });
  if (issues.length > MAX_LISTED_ISSUES) {
    listed.push(`and ${issues.length - MAX_LISTED_ISSUES} more`);
  }
  return listed.join('; ');
}

function shortJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}

function readme(manifest: SpecManifest): string {
  const { name } = manifest.spec;
  const version = manifest.manifestVersion;
  const images = manifest.images.length
    ? manifest.images.map(image => `${image.name} ${image.version}`).join(', ')
    : 'none';
  const limit = formatBytes(MAX_SPEC_ARCHIVE_BYTES);
  const file = SPEC_MANIFEST_FILE;
  return `# IoT deployment spec: ${name}

This .zip is a deployment spec exported from the IoT app portal.
\`${file}\` holds its fields, its dependency graph and the image
versions it deploys; its format is spec archive manifest version ${version}.

Images it deploys: ${images}.

## Import it

- In the portal: open the app that should get the spec, go to its Specs
  tab, choose Import and pick this .zip.
- With the API: \`POST /api/iot/apps/{appId}/specs/import\` with this .zip in
  the multipart field \`file\`.

Import the .zip unchanged: the portal reads only \`${file}\`, refuses
archives over ${limit} and manifests that do not match their version, and
checks that the images exist.
`;
}

type ZipInput = { name: string; data: Buffer };

/** Entries carry the export time (UTC) when it is known, else 1980-01-01. */
function dosDateTime(exportedAt: string | undefined): {
  date: number;
  time: number;
} {
  const at = exportedAt ? new Date(exportedAt) : undefined;
  const year = at?.getUTCFullYear() ?? NaN;
  if (!at || !(year >= 1980 && year <= 2107)) {
    return { date: (1 << 5) | 1, time: 0 };
  }
  return {
    date:
      ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time:
      (at.getUTCHours() << 11) |
      (at.getUTCMinutes() << 5) |
      Math.floor(at.getUTCSeconds() / 2),
  };
}

const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
/** Zip 2.0 (deflate), made on unix so that the entries' modes are read. */
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
const REGULAR_FILE_644 = (REGULAR_FILE | 0o644) * 0x10000;

/** A plain zip of deflated files; small enough not to need zip64. */
async function writeZip(
  files: ZipInput[],
  modified: { date: number; time: number },
): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = await deflateRaw(file.data);
    const crc = zlib.crc32(file.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_FILE_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(METHOD_DEFLATED, 8);
    local.writeUInt16LE(modified.time, 10);
    local.writeUInt16LE(modified.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    header.writeUInt16LE(VERSION_NEEDED, 6);
    header.writeUInt16LE(FLAG_UTF8, 8);
    header.writeUInt16LE(METHOD_DEFLATED, 10);
    header.writeUInt16LE(modified.time, 12);
    header.writeUInt16LE(modified.date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(file.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(REGULAR_FILE_644, 38);
    header.writeUInt32LE(offset, 42);

    parts.push(local, name, compressed);
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
