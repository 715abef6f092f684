import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/*
 * Small, real image files: `docker save` archives in both layouts, the broken
 * and hostile archives the ingest rules refuse, and the first bytes of each VM
 * format. Deterministic (the same options give the same bytes), synchronous
 * and dependency-free, for tests and for seeding a demo portal.
 */

/** One entry of a tar built by {@link createTar}. */
export type SampleTarEntry = {
  /** Written as is (raw bytes, so NUL and `..` can be tested). */
  name: string;
  type?:
    | 'file'
    | 'directory'
    | 'symlink'
    | 'hardlink'
    | 'character-device'
    | 'block-device'
    | 'fifo';
  data?: Buffer | string;
  linkname?: string;
  /**
   * Size written in the header when it differs from the data's, to declare
   * more than is there (bombs) without writing it.
   */
  declaredSize?: number;
  /**
   * Store the name (and link target) in a pax extended header or a GNU long
   * name entry, as tars do for names over 100 bytes.
   */
  longName?: 'pax' | 'gnu';
};

const TYPEFLAGS: Record<NonNullable<SampleTarEntry['type']>, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  'character-device': '3',
  'block-device': '4',
  directory: '5',
  fifo: '6',
};

const BLOCK = 512;

/**
 * A POSIX ustar archive of `entries`, ending with the end-of-archive marker
 * unless `endOfArchive` is false.
 */
export function createTar(
  entries: SampleTarEntry[],
  options: { endOfArchive?: boolean } = {},
): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data =
      typeof entry.data === 'string'
        ? Buffer.from(entry.data)
        : entry.data ?? Buffer.alloc(0);
    const type = entry.type ?? 'file';
    if (entry.longName === 'pax') {
      const paxData = Buffer.concat([
        paxRecord('path', entry.name),
        entry.linkname
          ? paxRecord('linkpath', entry.linkname)
          : Buffer.alloc(0),
      ]);
      parts.push(
        tarHeader({
          name: 'PaxHeaders/entry',
          typeflag: 'x',
          size: paxData.length,
        }),
        padded(paxData),
      );
    } else if (entry.longName === 'gnu') {
      for (const [typeflag, value] of [
        ['L', entry.name],
        ['K', entry.linkname],
      ]) {
        if (value) {
          const longData = Buffer.from(`${value}\0`);
          parts.push(
            tarHeader({
              name: '././@LongLink',
              typeflag: typeflag!,
              size: longData.length,
            }),
            padded(longData),
          );
        }
      }
    }
    const truncated = (value: string | undefined) =>
      entry.longName && value ? value.slice(0, 99) : value;
    parts.push(
      tarHeader({
        name: truncated(entry.name)!,
        typeflag: TYPEFLAGS[type],
        size: entry.declaredSize ?? data.length,
        linkname: truncated(entry.linkname),
        mode: type === 'directory' ? 0o755 : 0o644,
      }),
      padded(data),
    );
  }
  if (options.endOfArchive !== false) {
    parts.push(Buffer.alloc(2 * BLOCK));
  }
  return Buffer.concat(parts);
}

/** Layouts of `docker save`: `<id>/layer.tar` before Docker 25, OCI `blobs/sha256/` since. */
export type DockerSaveLayout = 'classic' | 'oci';

export type DockerSaveOptions = {
  layout?: DockerSaveLayout;
  /** Default `acme/parking-server`. */
  repository?: string;
  /** Default `1.0.0`. */
  tag?: string;
  /** Default 2. */
  layers?: number;
  /** Bytes of (incompressible) file content in each layer; default 1024. */
  layerBytes?: number;
  /** gzip the archive, as a `.tar.gz` upload. */
  gzip?: boolean;
  /** Leave this layer's file (0-based) out while manifest.json still lists it. */
  omitLayer?: number;
  /** Leave manifest.json (and repositories) out. */
  omitManifest?: boolean;
  /** Leave manifest.json out but keep the legacy repositories file. */
  repositoriesOnly?: boolean;
  /** Extra entries appended before the end-of-archive marker. */
  extraEntries?: SampleTarEntry[];
};

/** A `docker save` archive of a small synthetic image, as Docker writes it. */
export function createDockerSaveArchive(
  options: DockerSaveOptions = {},
): Buffer {
  const tar = createTar(dockerSaveEntries(options));
  return options.gzip ? gzipSync(tar) : tar;
}

/** The entries of {@link createDockerSaveArchive}, to build variants from. */
export function dockerSaveEntries(
  options: DockerSaveOptions = {},
): SampleTarEntry[] {
  const repository = options.repository ?? 'acme/parking-server';
  const tag = options.tag ?? '1.0.0';
  const layerCount = options.layers ?? 2;
  const layerTars = Array.from({ length: layerCount }, (_, i) =>
    createTar([
      {
        name: `opt/app/layer-${i}.bin`,
        data: createRandomBytes(options.layerBytes ?? 1024, i + 1),
      },
    ]),
  );
  const diffIds = layerTars.map(layer => `sha256:${sha256(layer)}`);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/opt/app/run'] },
    rootfs: { type: 'layers', diff_ids: diffIds },
  });
  const configHex = sha256(config);
  const entries: SampleTarEntry[] = [];
  let manifestLayers: string[];
  let configPath: string;
  let topLayerId = '';

  if ((options.layout ?? 'classic') === 'classic') {
    manifestLayers = [];
    let parent: string | undefined;
    layerTars.forEach((layer, i) => {
      const id = sha256(`${parent ?? ''}${diffIds[i]}`);
      entries.push(
        { name: `${id}/`, type: 'directory' },
        { name: `${id}/VERSION`, data: '1.0' },
        { name: `${id}/json`, data: JSON.stringify({ id, parent }) },
      );
      if (options.omitLayer !== i) {
        entries.push({ name: `${id}/layer.tar`, data: layer });
      }
      manifestLayers.push(`${id}/layer.tar`);
      parent = id;
      topLayerId = id;
    });
    configPath = `${configHex}.json`;
    entries.push({ name: configPath, data: config });
  } else {
    entries.push(
      { name: 'blobs/', type: 'directory' },
      { name: 'blobs/sha256/', type: 'directory' },
    );
    manifestLayers = layerTars.map((layer, i) => {
      const path = `blobs/sha256/${sha256(layer)}`;
      if (options.omitLayer !== i) {
        entries.push({ name: path, data: layer });
      }
      return path;
    });
    configPath = `blobs/sha256/${configHex}`;
    const ociManifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${configHex}`,
        size: config.length,
      },
      layers: layerTars.map(layer => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: `sha256:${sha256(layer)}`,
        size: layer.length,
      })),
    });
    const manifestHex = sha256(ociManifest);
    entries.push(
      { name: configPath, data: config },
      { name: `blobs/sha256/${manifestHex}`, data: ociManifest },
      {
        name: 'index.json',
        data: JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [
            {
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              digest: `sha256:${manifestHex}`,
              size: ociManifest.length,
              annotations: {
                'io.containerd.image.name': `docker.io/${repository}:${tag}`,
                'org.opencontainers.image.ref.name': tag,
              },
            },
          ],
        }),
      },
      { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
    );
  }

  if (!options.omitManifest && !options.repositoriesOnly) {
    entries.push({
      name: 'manifest.json',
      data: JSON.stringify([
        {
          Config: configPath,
          RepoTags: [`${repository}:${tag}`],
          Layers: manifestLayers,
        },
      ]),
    });
  }
  if (!options.omitManifest && topLayerId) {
    entries.push({
      name: 'repositories',
      data: JSON.stringify({ [repository]: { [tag]: topLayerId } }),
    });
  }
  entries.push(...(options.extraEntries ?? []));
  return entries;
}

/** A classic `docker save` archive whose only index is the legacy repositories file. */
export function createLegacyDockerArchive(
  options: Omit<DockerSaveOptions, 'layout' | 'repositoriesOnly'> = {},
): Buffer {
  return createDockerSaveArchive({
    ...options,
    layout: 'classic',
    repositoriesOnly: true,
  });
}

/** A `docker save` archive listing a layer that is not in it. */
export function createArchiveWithMissingLayer(
  options: DockerSaveOptions = {},
): Buffer {
  return createDockerSaveArchive({ omitLayer: 0, ...options });
}

/** Layer directories and files but neither manifest.json nor repositories. */
export function createArchiveWithoutManifest(
  options: DockerSaveOptions = {},
): Buffer {
  return createDockerSaveArchive({ ...options, omitManifest: true });
}

/**
 * A tar bomb by declaration: a valid archive start, then an entry whose header
 * declares `declaredBytes` (default 3 GiB) followed by only a few bytes.
 */
export function createDeclaredSizeBomb(
  options: { declaredBytes?: number; gzip?: boolean } = {},
): Buffer {
  const tar = createTar(
    [
      ...dockerSaveEntries({ layers: 1 }).slice(0, 3),
      {
        name: 'bomb/layer.tar',
        data: 'only a few bytes',
        declaredSize: options.declaredBytes ?? 3 * 1024 ** 3,
      },
    ],
    { endOfArchive: false },
  );
  return options.gzip ? gzipSync(tar) : tar;
}

/**
 * A tar bomb by inflation: a valid docker save archive followed by
 * `paddingBytes` of zeros, which gzip squeezes about a thousandfold.
 */
export function createZeroPaddedArchive(
  paddingBytes: number,
  options: DockerSaveOptions = {},
): Buffer {
  const tar = Buffer.concat([
    createDockerSaveArchive({ ...options, gzip: false }),
    Buffer.alloc(paddingBytes),
  ]);
  return options.gzip === false ? tar : gzipSync(tar);
}

/** A docker save archive with an entry named `entryName` (zip slip by default). */
export function createZipSlipArchive(
  entryName = '../../etc/cron.d/evil',
  options: DockerSaveOptions = {},
): Buffer {
  return createDockerSaveArchive({
    ...options,
    extraEntries: [{ name: entryName, data: '* * * * * root sh -c id\n' }],
  });
}

/** A docker save archive with a symbolic (or hard) link to `target`. */
export function createOutsideLinkArchive(
  target = '../../../etc/passwd',
  options: DockerSaveOptions & {
    linkName?: string;
    linkType?: 'symlink' | 'hardlink';
  } = {},
): Buffer {
  return createDockerSaveArchive({
    ...options,
    extraEntries: [
      {
        name: options.linkName ?? 'etc/passwd',
        type: options.linkType ?? 'symlink',
        linkname: target,
      },
    ],
  });
}

/** A .tar.gz upload cut off before its end (the gzip trailer is missing). */
export function createTruncatedGzip(options: DockerSaveOptions = {}): Buffer {
  const gz = createDockerSaveArchive({ ...options, gzip: true });
  return gz.subarray(0, gz.length - 20);
}

/**
 * A .tar upload cut off inside its last entries (`cut` bytes off the end,
 * default just past the end-of-archive marker and into the last entry).
 */
export function createTruncatedTar(
  options: DockerSaveOptions & { cut?: number } = {},
): Buffer {
  const tar = createDockerSaveArchive({ ...options, gzip: false });
  return tar.subarray(0, tar.length - (options.cut ?? 2 * BLOCK + 100));
}

/** The VM image samples {@link createVmImage} makes. */
export type VmSample =
  | 'qcow2'
  | 'vmdk'
  | 'vmdk-descriptor'
  | 'vhd-dynamic'
  | 'vhd-fixed'
  | 'iso'
  | 'raw-mbr'
  | 'raw-gpt';

/**
 * A small VM image with the real header (and footer) of its format; the rest
 * is zeros, or a partitioned disk's boot sector for vhd-fixed and raw.
 */
export function createVmImage(sample: VmSample, sizeBytes = 64 * 1024): Buffer {
  const image = Buffer.alloc(
    Math.max(sizeBytes, sample === 'iso' ? 36 * 1024 : 4096),
  );
  switch (sample) {
    case 'qcow2':
      image.write('QFI\xfb', 0, 'latin1');
      image.writeUInt32BE(3, 4); // version
      image.writeBigUInt64BE(BigInt(1024 ** 3), 24); // virtual size
      image.writeUInt32BE(16, 20); // cluster bits
      break;
    case 'vmdk':
      image.write('KDMV', 0, 'latin1');
      image.writeUInt32LE(1, 4); // version
      image.writeBigUInt64LE(BigInt(2 * 1024 ** 2), 12); // capacity in sectors
      break;
    case 'vmdk-descriptor': {
      const descriptor = [
        '# Disk DescriptorFile',
        'version=1',
        'CID=fffffffe',
        'parentCID=ffffffff',
        'createType="monolithicFlat"',
        '',
        '# Extent description',
        'RW 2048 FLAT "disk-flat.vmdk" 0',
        '',
      ].join('\n');
      return Buffer.from(descriptor);
    }
    case 'vhd-dynamic':
      vhdFooter(image.length, 3).copy(image, 0);
      image.write('cxsparse', 512, 'latin1');
      vhdFooter(image.length, 3).copy(image, image.length - 512);
      break;
    case 'vhd-fixed':
      bootSector(image);
      vhdFooter(image.length - 512, 2).copy(image, image.length - 512);
      break;
    case 'iso':
      image[32768] = 1; // primary volume descriptor
      image.write('CD001', 32769, 'latin1');
      image[32774] = 1;
      break;
    case 'raw-mbr':
      bootSector(image);
      break;
    case 'raw-gpt':
      bootSector(image, 0xee);
      image.write('EFI PART', 512, 'latin1');
      break;
    default:
      throw new Error(`unknown VM sample ${sample}`);
  }
  return image;
}

/** `size` deterministic pseudo-random bytes (incompressible, no accidental magic for a given seed). */
export function createRandomBytes(size: number, seed = 1): Buffer {
  const words = new Uint32Array(Math.ceil(size / 4));
  let state = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    words[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return Buffer.from(words.buffer, 0, size);
}

function tarHeader(fields: {
  name: string;
  typeflag: string;
  size: number;
  linkname?: string;
  mode?: number;
}): Buffer {
  const header = Buffer.alloc(BLOCK);
  let name = Buffer.from(fields.name);
  if (name.length > 100) {
    const slash = fields.name.lastIndexOf('/', fields.name.length - 2);
    const prefix = Buffer.from(fields.name.slice(0, slash));
    name = Buffer.from(fields.name.slice(slash + 1));
    if (slash < 0 || prefix.length > 155 || name.length > 100) {
      throw new Error(`name too long for ustar, use pax: ${fields.name}`);
    }
    prefix.copy(header, 345);
  }
  name.copy(header, 0);
  octal(header, 100, 8, fields.mode ?? 0o644);
  octal(header, 108, 8, 0);
  octal(header, 116, 8, 0);
  if (fields.size < 8 ** 11) {
    octal(header, 124, 12, fields.size);
  } else {
    // GNU base-256 for sizes of 8 GiB and more
    header[124] = 0x80;
    let value = BigInt(fields.size);
    for (let i = 135; i > 124; i--) {
      header[i] = Number(value & 0xffn);
      value >>= 8n;
    }
  }
  octal(header, 136, 12, 1700000000);
  header.write(fields.typeflag, 156, 'latin1');
  if (fields.linkname) {
    Buffer.from(fields.linkname).copy(header, 157, 0, 100);
  }
  header.write('ustar\u000000', 257, 'latin1');
  header.write('root', 265, 'latin1');
  header.write('root', 297, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) {
    sum += header[i];
  }
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return header;
}

function octal(header: Buffer, offset: number, length: number, value: number) {
  header.write(
    `${value.toString(8).padStart(length - 1, '0')}\u0000`,
    offset,
    'latin1',
  );
}

function padded(data: Buffer): Buffer {
  const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return padding ? Buffer.concat([data, Buffer.alloc(padding)]) : data;
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  // The length counts its own digits.
  let length = bodyLength + 1;
  while (length !== bodyLength + String(length).length) {
    length = bodyLength + String(length).length;
  }
  return Buffer.from(`${length}${body}`);
}

/** A VHD footer (also the copy at the start of a dynamic disk). */
function vhdFooter(diskBytes: number, diskType: 2 | 3): Buffer {
  const footer = Buffer.alloc(512);
  footer.write('conectix', 0, 'latin1');
  footer.writeUInt32BE(2, 8); // features
  footer.writeUInt32BE(0x00010000, 12); // format version
  footer.writeBigUInt64BE(diskType === 2 ? 0xffffffffffffffffn : 512n, 16);
  footer.write('iotp', 28, 'latin1'); // creator application
  footer.writeBigUInt64BE(BigInt(diskBytes), 40); // original size
  footer.writeBigUInt64BE(BigInt(diskBytes), 48); // current size
  footer.writeUInt32BE(diskType, 60);
  let sum = 0;
  for (const byte of footer) {
    sum += byte;
  }
  footer.writeUInt32BE(~sum >>> 0, 64);
  return footer;
}

/** An MBR with one partition of `partitionType` and the 55 AA signature. */
function bootSector(image: Buffer, partitionType = 0x83) {
  image[446 + 4] = partitionType;
  image.writeUInt32LE(1, 446 + 8);
  image.writeUInt32LE(Math.max(1, image.length / 512 - 1), 446 + 12);
  image[510] = 0x55;
  image[511] = 0xaa;
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
