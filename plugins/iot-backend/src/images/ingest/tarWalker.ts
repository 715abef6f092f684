import { formatBytes, ImageRuleError } from './errors';
import { quote } from './fileName';

/** More entries than any `docker save` archive has; bounds the memory the walk keeps. */
export const MAX_TAR_ENTRIES = 100_000;
/** Largest pax extended header or GNU long name accepted. */
const MAX_META_BYTES = 1024 * 1024;
/** As many symbolic links as Linux follows when resolving one path. */
const MAX_LINK_HOPS = 40;

const BLOCK = 512;

/** One entry of the archive, its path normalised (no `./`, no trailing `/`). */
export type TarEntry = {
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink';
  /** Bytes of data in the archive. */
  size: number;
  /** Symbolic or hard link target as written in the archive. */
  linkTarget?: string;
};

/** What a complete, safe archive holds once walked. */
export type TarArchive = {
  entries: ReadonlyMap<string, TarEntry>;
  /** Contents of the entries the walker was asked to collect (last one wins). */
  collected: ReadonlyMap<string, Buffer>;
  /** Length of the tar stream. */
  bytes: number;
  /** The regular file `path` leads to, following links; undefined if none. */
  findFile(path: string): TarEntry | undefined;
};

export type TarWalkerOptions = {
  maxBytes: number;
  /** Says what the tar is in messages: `content` or `decompressed content`. */
  contentLabel: string;
  /**
   * Whether to keep the data of the entry at `path` (normalised) that declares
   * `size` bytes; may throw to refuse it.
   */
  collect(path: string, size: number): boolean;
  /** Defaults to {@link MAX_TAR_ENTRIES}. */
  maxEntries?: number;
};

type Meta = { path?: string; linkPath?: string; size?: number };

type DataTarget =
  | { kind: 'skip' }
  | { kind: 'entry'; path: string; size: number; chunks?: Buffer[] }
  | { kind: 'pax' | 'longName' | 'longLink'; size: number; chunks: Buffer[] };

/**
 * Walks a tar stream pushed into it chunk by chunk, without keeping its data:
 * checks every header as soon as it is complete (checksum, declared size
 * against the limit, path and link safety, entry type) and, at the end, that
 * the archive was complete and its links stay inside it. Throws
 * {@link ImageRuleError} on the first rule broken.
 */
export class TarWalker {
  readonly #options: TarWalkerOptions;
  readonly #entries = new Map<string, TarEntry>();
  readonly #symlinks = new Map<string, string>();
  readonly #collected = new Map<string, Buffer>();
  readonly #header = Buffer.alloc(BLOCK);
  #headerFill = 0;
  #offset = 0;
  #dataLeft = 0;
  #padLeft = 0;
  #target: DataTarget = { kind: 'skip' };
  /** What the data being read belongs to, for messages. */
  #dataLabel = '';
  #meta: Meta = {};
  #headers = 0;
  #zeroBlocks = 0;
  #ended = false;

  constructor(options: TarWalkerOptions) {
    this.#options = options;
  }

  /** Bytes of the tar stream seen so far. */
  get bytes(): number {
    return this.#offset + this.#headerFill;
  }

  write(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      const available = chunk.length - pos;
      if (this.#ended) {
        // Whatever follows the end-of-archive marker is ignored, as tar does.
        this.#offset += available;
        return;
      }
      if (this.#dataLeft > 0) {
        const n = Math.min(this.#dataLeft, available);
        const target = this.#target;
        if (target.kind !== 'skip' && 'chunks' in target && target.chunks) {
          target.chunks.push(Buffer.from(chunk.subarray(pos, pos + n)));
        }
        this.#dataLeft -= n;
        this.#offset += n;
        pos += n;
        if (this.#dataLeft === 0) {
          this.#finishData();
        }
        continue;
      }
      if (this.#padLeft > 0) {
        const n = Math.min(this.#padLeft, available);
        this.#padLeft -= n;
        this.#offset += n;
        pos += n;
        continue;
      }
      if (this.#headerFill === 0 && available >= BLOCK) {
        this.#offset += BLOCK;
        pos += BLOCK;
        this.#onBlock(chunk.subarray(pos - BLOCK, pos));
        continue;
      }
      const n = Math.min(BLOCK - this.#headerFill, available);
      chunk.copy(this.#header, this.#headerFill, pos, pos + n);
      this.#headerFill += n;
      pos += n;
      if (this.#headerFill === BLOCK) {
        this.#headerFill = 0;
        this.#offset += BLOCK;
        this.#onBlock(this.#header);
      }
    }
  }

  /** Checks that the archive ended properly and its links stay inside it. */
  end(): TarArchive {
    const label = this.#options.contentLabel;
    if (this.#headers === 0 && this.#zeroBlocks === 0) {
      const looksLikeTar =
        this.#headerFill >= 263 &&
        this.#header.toString('latin1', 257, 262) === 'ustar';
      if (!looksLikeTar) {
        throw new ImageRuleError(
          415,
          'archive-format',
          `${label} is not a tar archive: it is ${formatBytes(
            this.bytes,
          )}, shorter than one tar header (rule: archive-format)`,
        );
      }
    }
    if (this.#dataLeft > 0 || this.#padLeft > 0) {
      const what = this.#dataLabel;
      throw new ImageRuleError(
        422,
        'archive-integrity',
        `tar archive is truncated: it ends inside ${what} with ${formatBytes(
          this.#dataLeft + this.#padLeft,
        )} missing (rule: archive-integrity)`,
      );
    }
    if (this.#headerFill > 0) {
      throw new ImageRuleError(
        422,
        'archive-integrity',
        `tar archive is truncated: it ends inside a header at byte ${
          this.#offset
        } (rule: archive-integrity)`,
      );
    }
    if (!this.#ended) {
      throw new ImageRuleError(
        422,
        'archive-integrity',
        `tar archive ends after ${formatBytes(
          this.#offset,
        )} without its end-of-archive marker (two zero blocks); it is probably truncated (rule: archive-integrity)`,
      );
    }
    for (const entry of this.#entries.values()) {
      this.#checkLinkResolves(entry);
    }
    return {
      entries: this.#entries,
      collected: this.#collected,
      bytes: this.#offset,
      findFile: path => this.#findFile(path),
    };
  }

  #onBlock(block: Buffer) {
    if (isZeroBlock(block)) {
      this.#zeroBlocks++;
      if (this.#zeroBlocks === 2) {
        if (
          this.#meta.path !== undefined ||
          this.#meta.linkPath !== undefined
        ) {
          throw this.#corrupt(
            'an extended header is not followed by its entry',
          );
        }
        this.#ended = true;
      }
      return;
    }
    const headerOffset = this.#offset - BLOCK;
    if (this.#zeroBlocks > 0) {
      throw this.#corrupt(
        `a single zero block is followed by a header at byte ${headerOffset}`,
      );
    }
    if (!hasValidChecksum(block)) {
      if (this.#headers === 0) {
        throw new ImageRuleError(
          415,
          'archive-format',
          `${
            this.#options.contentLabel
          } is not a tar archive: its first 512 bytes are not a tar header (they start with ${hex(
            block,
            8,
          )}) (rule: archive-format)`,
        );
      }
      throw this.#corrupt(`the header at byte ${headerOffset} is corrupt`);
    }
    this.#headers++;

    const typeflag = String.fromCharCode(block[156]);
    const declared = parseNumber(block, 124, 12);
    if (Number.isNaN(declared)) {
      throw this.#corrupt(
        `the header at byte ${headerOffset} has an invalid size field`,
      );
    }

    if (typeflag === 'x' || typeflag === 'g') {
      this.#beginData(
        typeflag === 'x'
          ? { kind: 'pax', size: declared, chunks: [] }
          : undefined,
        declared,
        'a pax extended header',
      );
      return;
    }
    if (typeflag === 'L' || typeflag === 'K') {
      this.#beginData(
        {
          kind: typeflag === 'L' ? 'longName' : 'longLink',
          size: declared,
          chunks: [],
        },
        declared,
        'a GNU long name',
      );
      return;
    }

    const meta = this.#meta;
    this.#meta = {};
    const rawPath = meta.path ?? readPath(block);
    checkPath(rawPath);
    const path = normalisePath(rawPath);
    const headerOnly = '123456'.includes(typeflag);
    const size = headerOnly ? 0 : meta.size ?? declared;

    if (typeflag === '3' || typeflag === '4' || typeflag === '6') {
      const kind = {
        '3': 'a character device',
        '4': 'a block device',
        '6': 'a fifo',
      }[typeflag];
      throw new ImageRuleError(
        422,
        'safe-paths',
        `tar entry ${quote(
          rawPath,
        )} is ${kind}; devices and fifos are refused (rule: safe-paths)`,
      );
    }

    let type: TarEntry['type'] = 'file';
    let linkTarget: string | undefined;
    if (typeflag === '1' || typeflag === '2') {
      type = typeflag === '1' ? 'hardlink' : 'symlink';
      linkTarget = meta.linkPath ?? readField(block, 157, 100, 'link target');
      checkLinkTarget(rawPath, path, type, linkTarget);
    } else if (typeflag === '5' || rawPath.endsWith('/')) {
      type = 'directory';
    }

    if (path !== '') {
      const maxEntries = this.#options.maxEntries ?? MAX_TAR_ENTRIES;
      if (!this.#entries.has(path) && this.#entries.size >= maxEntries) {
        throw new ImageRuleError(
          422,
          'max-entries',
          `tar archive has more than ${maxEntries} entries, far more than a docker save archive; refused at entry ${quote(
            rawPath,
          )} (rule: max-entries)`,
        );
      }
      this.#entries.set(path, { path, type, size, linkTarget });
      if (type === 'symlink') {
        this.#symlinks.set(path, linkTarget!);
      } else {
        this.#symlinks.delete(path);
      }
    }

    const collect = type === 'file' && this.#options.collect(path, size);
    this.#beginData(
      { kind: 'entry', path: rawPath, size, chunks: collect ? [] : undefined },
      size,
      `entry ${quote(rawPath)}`,
    );
    if (collect && size === 0) {
      this.#collected.set(path, Buffer.alloc(0));
    }
  }

  /** Checks a declared data size against the limit before any of it is read. */
  #beginData(target: DataTarget | undefined, size: number, what: string) {
    const end = this.#offset + size;
    if (end > this.#options.maxBytes) {
      throw new ImageRuleError(
        413,
        'max-size',
        `decompressed size exceeds ${formatBytes(
          this.#options.maxBytes,
        )} at ${what}, which declares ${formatBytes(
          size,
        )} and would bring the archive to ${formatBytes(end)} (rule: max-size)`,
      );
    }
    if (target && target.kind !== 'entry' && size > MAX_META_BYTES) {
      throw this.#corrupt(
        `${what} at byte ${this.#offset - BLOCK} declares ${formatBytes(
          size,
        )}; at most ${formatBytes(MAX_META_BYTES)} is accepted`,
      );
    }
    this.#target = target ?? { kind: 'skip' };
    this.#dataLabel = what;
    this.#dataLeft = size;
    this.#padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) {
      this.#finishData();
    }
  }

  #finishData() {
    const target = this.#target;
    this.#target = { kind: 'skip' };
    if (target.kind === 'skip') {
      return;
    }
    if (target.kind === 'entry') {
      if (target.chunks) {
        this.#collected.set(
          normalisePath(target.path),
          Buffer.concat(target.chunks),
        );
      }
      return;
    }
    const data = Buffer.concat(target.chunks);
    if (target.kind === 'pax') {
      this.#meta = { ...this.#meta, ...parsePax(data, this.#offset) };
    } else if (target.kind === 'longName') {
      this.#meta.path = readField(data, 0, data.length, 'GNU long name');
    } else {
      this.#meta.linkPath = readField(data, 0, data.length, 'GNU long link');
    }
  }

  #checkLinkResolves(entry: TarEntry) {
    if (entry.type !== 'symlink' && entry.type !== 'hardlink') {
      return;
    }
    const from = entry.type === 'symlink' ? dirname(entry.path) : [];
    const resolved = resolve(from, entry.linkTarget!, this.#symlinks, {
      count: 0,
    });
    if (typeof resolved === 'string') {
      throw linkOutside(entry.path, entry.type, entry.linkTarget!, resolved);
    }
  }

  #findFile(path: string): TarEntry | undefined {
    let target = normalisePath(path);
    for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
      const resolved = resolve([], target, this.#symlinks, { count: 0 });
      if (typeof resolved === 'string') {
        return undefined;
      }
      const entry = this.#entries.get(resolved.join('/'));
      if (entry?.type !== 'hardlink') {
        return entry?.type === 'file' ? entry : undefined;
      }
      target = entry.linkTarget!;
    }
    return undefined;
  }

  #corrupt(what: string) {
    return new ImageRuleError(
      422,
      'archive-integrity',
      `tar archive is corrupt: ${what} (rule: archive-integrity)`,
    );
  }
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) {
    if (block[i] !== 0) {
      return false;
    }
  }
  return true;
}

/** The header checksum, summed unsigned (POSIX) or signed (some old tars). */
function hasValidChecksum(block: Buffer): boolean {
  const stored = parseNumber(block, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** An octal field, or a base-256 one (GNU, for sizes of 8 GiB and more); NaN if neither. */
function parseNumber(block: Buffer, offset: number, length: number): number {
  if (block[offset] & 0x80) {
    if (block[offset] === 0xff) {
      return NaN; // negative
    }
    let value = block[offset] & 0x7f;
    for (let i = 1; i < length; i++) {
      value = value * 256 + block[offset + i];
    }
    return value;
  }
  let i = offset;
  const end = offset + length;
  while (i < end && (block[i] === 0x20 || block[i] === 0)) {
    i++;
  }
  let value = 0;
  for (; i < end; i++) {
    const c = block[i];
    if (c === 0x20 || c === 0) {
      break;
    }
    if (c < 0x30 || c > 0x37) {
      return NaN;
    }
    value = value * 8 + (c - 0x30);
  }
  return value;
}

/** A NUL-terminated field; bytes after the NUL must be NULs too. */
function readField(
  buffer: Buffer,
  offset: number,
  length: number,
  what: string,
): string {
  const end = offset + length;
  let nul = buffer.indexOf(0, offset);
  if (nul === -1 || nul > end) {
    nul = end;
  }
  const value = buffer.toString('utf8', offset, nul);
  for (let i = nul; i < end; i++) {
    if (buffer[i] !== 0) {
      throw new ImageRuleError(
        422,
        'safe-paths',
        `tar ${what} ${quote(
          buffer.toString('utf8', offset, end).replace(/\0+$/, ''),
        )} contains a NUL byte (rule: safe-paths)`,
      );
    }
  }
  return value;
}

/** The path of a ustar, GNU or v7 header (prefix only in POSIX ustar). */
function readPath(block: Buffer): string {
  const name = readField(block, 0, 100, 'entry name');
  if (block.toString('latin1', 257, 263) === 'ustar\0' && block[345] !== 0) {
    return `${readField(block, 345, 155, 'entry name prefix')}/${name}`;
  }
  return name;
}

function parsePax(data: Buffer, offset: number): Meta {
  const meta: Meta = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const length = Number(data.toString('latin1', pos, space));
    if (
      space === -1 ||
      !Number.isInteger(length) ||
      length <= space - pos ||
      pos + length > data.length ||
      data[pos + length - 1] !== 0x0a
    ) {
      throw new ImageRuleError(
        422,
        'archive-integrity',
        `tar archive is corrupt: the pax extended header before byte ${offset} has a malformed record (rule: archive-integrity)`,
      );
    }
    const record = data.toString('utf8', space + 1, pos + length - 1);
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path') {
      meta.path = value;
    } else if (key === 'linkpath') {
      meta.linkPath = value;
    } else if (key === 'size') {
      if (!/^\d+$/.test(value)) {
        throw new ImageRuleError(
          422,
          'archive-integrity',
          `tar archive is corrupt: the pax extended header before byte ${offset} has size ${quote(
            value,
          )} (rule: archive-integrity)`,
        );
      }
      meta.size = Number(value);
    }
    pos += length;
  }
  return meta;
}

function isAbsolute(path: string): boolean {
  return /^([\\/]|[A-Za-z]:)/.test(path);
}

/** Refuses paths that are empty, absolute, carry NUL or have a `..` segment. */
function checkPath(rawPath: string) {
  const refuse = (why: string) =>
    new ImageRuleError(
      422,
      'safe-paths',
      `tar entry ${quote(rawPath)} ${why} (rule: safe-paths)`,
    );
  if (rawPath.includes('\0')) {
    throw refuse('contains a NUL byte');
  }
  if (rawPath === '') {
    throw refuse('has an empty name');
  }
  if (isAbsolute(rawPath)) {
    throw refuse('has an absolute path');
  }
  if (rawPath.split(/[\\/]/).includes('..')) {
    const escapes =
      typeof resolve([], rawPath.replace(/\\/g, '/'), new Map(), {
        count: 0,
      }) === 'string';
    throw refuse(escapes ? 'escapes the archive' : "has a '..' segment");
  }
}

/** Refuses, as soon as the header is read, links that plainly lead outside. */
function checkLinkTarget(
  rawPath: string,
  path: string,
  type: 'symlink' | 'hardlink',
  target: string,
) {
  if (target.includes('\0')) {
    throw new ImageRuleError(
      422,
      'safe-paths',
      `tar ${type === 'symlink' ? 'symbolic' : 'hard'} link ${quote(
        rawPath,
      )} has a target with a NUL byte (rule: safe-paths)`,
    );
  }
  const from = type === 'symlink' ? dirname(path) : [];
  if (target === '' || isAbsolute(target)) {
    throw linkOutside(rawPath, type, target, 'outside');
  }
  const resolved = resolve(from, target, new Map(), { count: 0 });
  if (typeof resolved === 'string') {
    throw linkOutside(rawPath, type, target, resolved);
  }
}

function linkOutside(
  path: string,
  type: 'symlink' | 'hardlink',
  target: string,
  why: 'outside' | 'loop',
) {
  const link = type === 'symlink' ? 'symbolic link' : 'hard link';
  return new ImageRuleError(
    422,
    'safe-paths',
    why === 'loop'
      ? `tar ${link} ${quote(path)} -> ${quote(
          target,
        )} goes round a loop of links (rule: safe-paths)`
      : `tar ${link} ${quote(path)} -> ${quote(
          target,
        )} points outside the archive (rule: safe-paths)`,
  );
}

/** Removes `./`, empty segments and a trailing `/`. */
export function normalisePath(path: string): string {
  return path
    .split('/')
    .filter(segment => segment !== '' && segment !== '.')
    .join('/');
}

function dirname(path: string): string[] {
  return path.split('/').slice(0, -1);
}

/**
 * Resolves `target` from the directory `from` like the kernel would once the
 * archive is extracted, following the archive's symbolic links; 'outside'
 * when it leaves the archive's root.
 */
function resolve(
  from: readonly string[],
  target: string,
  symlinks: ReadonlyMap<string, string>,
  hops: { count: number },
): string[] | 'outside' | 'loop' {
  if (isAbsolute(target)) {
    return 'outside';
  }
  let stack = [...from];
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      if (stack.length === 0) {
        return 'outside';
      }
      stack.pop();
      continue;
    }
    stack.push(segment);
    const link = symlinks.get(stack.join('/'));
    if (link !== undefined) {
      if (++hops.count > MAX_LINK_HOPS) {
        return 'loop';
      }
      stack.pop();
      const resolved = resolve(stack, link, symlinks, hops);
      if (typeof resolved === 'string') {
        return resolved;
      }
      stack = resolved;
    }
  }
  return stack;
}

function hex(buffer: Buffer, bytes: number): string {
  return Array.from(buffer.subarray(0, bytes), b =>
    b.toString(16).padStart(2, '0'),
  ).join(' ');
}

export { hex as formatHex };
