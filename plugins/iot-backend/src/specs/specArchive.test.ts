import {
  MAX_SPEC_ARCHIVE_BYTES,
  SpecManifest,
} from '@internal/backstage-plugin-iot-common';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import {
  MAX_SPEC_ARCHIVE_ENTRIES,
  MAX_SPEC_ARCHIVE_UNPACKED_BYTES,
  readSpecArchive,
  SpecArchiveError,
  writeSpecArchive,
} from './specArchive';
import {
  buildZip,
  RawZipEntry,
  slowUpload,
  streamOf,
  unicodePathField,
} from './__testUtils__/zips';

const manifest: SpecManifest = {
  manifestVersion: 1,
  kind: 'IotSpec',
  exportedAt: '2025-03-14T09:26:53.000Z',
  source: { specId: 'parking-standard', appId: 'smart-parking' },
  spec: {
    type: 'general',
    deployLocation: 'public-cloud',
    name: 'Parking – standard',
    description: 'Parking sensors behind a load balancer, with a database.',
    allowTrial: true,
  },
  graph: {
    nodes: [
      { id: 'vpc', type: 'vpc', properties: { cidr: '10.0.0.0/16' } },
      {
        id: 'app',
        type: 'container-workload',
        properties: {
          image: { name: 'parking-server', version: '1.2.0' },
          replicas: 2,
        },
        position: { x: 120, y: 40.5 },
      },
    ],
    edges: [{ source: 'app', target: 'vpc' }],
  },
  images: [{ name: 'parking-server', version: '1.2.0' }],
};

const manifestJson = (value: unknown) => JSON.stringify(value, null, 2);

/** A zip with `iot-spec.json` holding `content`, next to `others`. */
function archiveWith(content: string, others: RawZipEntry[] = []): Buffer {
  return buildZip([{ name: 'iot-spec.json', data: content }, ...others]);
}

type Refusal = Pick<SpecArchiveError, 'status' | 'rule' | 'message'>;

/** How `promise` was refused; every message ends naming its rule. */
async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(SpecArchiveError);
  const { status, rule, message } = error as SpecArchiveError;
  expect(message.endsWith(` (rule: ${rule})`)).toBe(true);
  return { status, rule, message };
}

const refusalOf = (archive: Buffer) =>
  refusal(readSpecArchive(streamOf(archive)));

/** The refusal expected, its message exactly or matching a pattern. */
function refused(status: number, rule: string, message: string | RegExp) {
  return {
    status,
    rule,
    message:
      typeof message === 'string' ? message : expect.stringMatching(message),
  };
}

async function entryNames(archive: Buffer): Promise<string[]> {
  const zip = await yauzl.fromBufferPromise(archive);
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) {
    names.push(entry.fileName);
  }
  return names;
}

describe('writeSpecArchive and readSpecArchive', () => {
  it('round-trips a manifest unchanged', async () => {
    const archive = await writeSpecArchive(manifest);
    await expect(readSpecArchive(streamOf(archive, 100))).resolves.toEqual(
      manifest,
    );
  });

  it('writes the manifest and a README that says how to import it, the same bytes each time', async () => {
    const archive = await writeSpecArchive(manifest);
    expect(await entryNames(archive)).toEqual(['iot-spec.json', 'README.md']);
    expect(await writeSpecArchive(structuredClone(manifest))).toEqual(archive);

    const zip = await yauzl.fromBufferPromise(archive);
    const texts = new Map<string, string>();
    for await (const entry of zip.eachEntry()) {
      expect(entry.getLastModDate({ timezone: 'UTC' }).toISOString()).toBe(
        '2025-03-14T09:26:52.000Z',
      );
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        chunks.push(chunk);
      }
      texts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
    expect(texts.get('iot-spec.json')).toBe(`${manifestJson(manifest)}\n`);
    const readme = texts.get('README.md')!.replace(/\s+/g, ' ');
    expect(readme).toContain('# IoT deployment spec: Parking – standard');
    expect(readme).toContain('go to its Specs tab, choose Import');
    expect(readme).toContain('`POST /api/iot/apps/{appId}/specs/import`');
    expect(readme).toContain('Images it deploys: parking-server 1.2.0.');
  });

  it('fills in defaults before writing, so that import gives what export read', async () => {
    const { allowTrial: _allowTrial, ...spec } = manifest.spec;
    const archive = await writeSpecArchive({
      ...manifest,
      exportedAt: undefined,
      spec,
    } as SpecManifest);
    const read = await readSpecArchive(streamOf(archive));
    expect(read.spec.allowTrial).toBe(false);
  });

  it('refuses to export a manifest that does not match the schema', async () => {
    const error = await refusal(
      writeSpecArchive({
        ...manifest,
        spec: { ...manifest.spec, name: ' ' },
      }),
    );
    expect(error).toMatchObject({ status: 422, rule: 'manifest-schema' });
    expect(error.message).toBe(
      'cannot export the spec: it does not match spec archive manifest version 1: spec.name: is required (got "") (rule: manifest-schema)',
    );
  });
});

describe('readSpecArchive refuses', () => {
  it('an upload over the limit at the first byte past it, and drains the rest', async () => {
    const upload = slowUpload(1024 * 1024);
    const error = await refusal(readSpecArchive(upload.stream));
    expect(error).toMatchObject({ status: 413, rule: 'max-size' });
    expect(error.message).toBe(
      'spec archive exceeds 500 KiB: 512 KiB received so far; refused before unpacking (rule: max-size)',
    );
    // refused while the upload was still arriving, not after reading it all
    expect(upload.produced()).toBeLessThan(MAX_SPEC_ARCHIVE_BYTES + 64 * 1024);
    // the rest is read and dropped, so the request ends and can be answered
    await once(upload.stream, 'end');
    expect(upload.produced()).toBe(1024 * 1024);
  });

  it('fails as the upload does when it breaks off, with no rule to blame', async () => {
    /** An upload that sent 1000 bytes and then breaks off with `error`. */
    const brokenOff = (error?: Error) => {
      const upload = new Readable({ read() {} });
      upload.push(Buffer.alloc(1000));
      setImmediate(() => upload.destroy(error));
      return upload;
    };
    await expect(
      readSpecArchive(brokenOff(new Error('socket hang up'))),
    ).rejects.toThrow(/^socket hang up$/);
    await expect(readSpecArchive(brokenOff())).rejects.toThrow(
      /^the spec archive upload was closed after 1000 bytes, before it ended$/,
    );
  });

  it('an archive one byte over maxBytes, and reads one of exactly maxBytes', async () => {
    const archive = await writeSpecArchive(manifest);
    await expect(
      readSpecArchive(streamOf(archive), { maxBytes: archive.length }),
    ).resolves.toEqual(manifest);
    const error = await refusal(
      readSpecArchive(streamOf(archive), { maxBytes: archive.length - 1 }),
    );
    expect({ status: error.status, rule: error.rule }).toEqual({
      status: 413,
      rule: 'max-size',
    });
  });

  it.each([
    [
      'a gzip file',
      Buffer.from('1f8b0800000000000003', 'hex'),
      /bytes 1f 8b 08 00 00 00 00 00,/,
    ],
    [
      'JSON',
      Buffer.from(manifestJson(manifest)),
      /bytes 7b 0a 20 20 22 6d 61 6e,/,
    ],
    ['nothing', Buffer.alloc(0), /nothing \(it is empty\)/],
  ])('%s, which is not a zip', async (_what, content, message) => {
    expect(await refusalOf(content)).toEqual(
      refused(415, 'archive-format', message),
    );
  });

  it('a zip without its end record', async () => {
    const archive = archiveWith(manifestJson(manifest));
    expect(await refusalOf(archive.subarray(0, archive.length - 22))).toEqual(
      refused(
        415,
        'archive-format',
        /^spec archive is not a readable zip file: end of central directory record signature not found/i,
      ),
    );
  });

  it('more entries than allowed, before reading any of them', async () => {
    const entries = Array.from(
      { length: MAX_SPEC_ARCHIVE_ENTRIES + 1 },
      (_, i) => ({ name: `file-${i}.txt`, data: 'x' }),
    );
    expect(await refusalOf(buildZip(entries))).toEqual(
      refused(
        422,
        'max-entries',
        'spec archive has 17 entries, more than the 16 allowed; an exported spec has 2 (rule: max-entries)',
      ),
    );
    // the end record's count is what is checked, whatever follows it
    expect(
      await refusalOf(
        buildZip([{ name: 'iot-spec.json', data: '{}' }], {
          declaredEntryCount: 65535,
        }),
      ),
    ).toEqual(refused(422, 'max-entries', /has 65535 entries/));
  });

  it.each([
    ['../evil', "'../evil' leads out of the archive with '..'"],
    [
      'specs/../../evil',
      "'specs/../../evil' leads out of the archive with '..'",
    ],
    ['/etc/cron.d/evil', "'/etc/cron.d/evil' is an absolute path"],
    ['C:/Windows/evil', "'C:/Windows/evil' starts with a drive letter"],
    ['..\\evil', "'..\\evil' contains a backslash"],
    [
      'iot-spec.json\0.txt',
      "'iot-spec.json\\x00.txt' contains a NUL character",
    ],
  ])('an entry named %j', async (name, what) => {
    expect(
      await refusalOf(
        archiveWith(manifestJson(manifest), [{ name, data: 'owned' }]),
      ),
    ).toEqual(
      refused(
        422,
        'safe-paths',
        `spec archive entry ${what}; entries must be relative paths inside the archive (rule: safe-paths)`,
      ),
    );
  });

  it('an unsafe name hidden in a unicode path field', async () => {
    const archive = archiveWith(manifestJson(manifest), [
      {
        name: 'notes.txt',
        data: 'x',
        extraFields: unicodePathField('notes.txt', '../evil'),
      },
    ]);
    expect(await refusalOf(archive)).toEqual(
      refused(422, 'safe-paths', /'\.\.\/evil' leads out/),
    );
  });

  it('a symbolic link entry', async () => {
    const archive = archiveWith(manifestJson(manifest), [
      { name: 'images', data: '/var/lib/iot/images', unixMode: 0o120777 },
    ]);
    expect(await refusalOf(archive)).toEqual(
      refused(
        422,
        'safe-paths',
        "spec archive entry 'images' is a symbolic link (unix mode 120777); only files and folders are allowed (rule: safe-paths)",
      ),
    );
  });

  it('two entries of the same name', async () => {
    expect(
      await refusalOf(
        archiveWith(manifestJson(manifest), [
          { name: 'iot-spec.json', data: '{}' },
        ]),
      ),
    ).toEqual(
      refused(
        422,
        'safe-paths',
        "spec archive has two entries named 'iot-spec.json'; each name may appear once (rule: safe-paths)",
      ),
    );
  });

  it('an encrypted entry', async () => {
    expect(
      await refusalOf(
        buildZip([
          { name: 'iot-spec.json', data: manifestJson(manifest), flags: 0x801 },
        ]),
      ),
    ).toEqual(
      refused(
        422,
        'no-encryption',
        "spec archive entry 'iot-spec.json' is encrypted; import the .zip the portal exported, which has no password (rule: no-encryption)",
      ),
    );
  });

  it('an entry compressed with another method than deflate', async () => {
    expect(
      await refusalOf(
        buildZip([{ name: 'iot-spec.json', data: '{}', method: 14 }]),
      ),
    ).toEqual(
      refused(
        415,
        'archive-format',
        "spec archive entry 'iot-spec.json' uses compression method 14; only stored (0) and deflated (8) entries are read (rule: archive-format)",
      ),
    );
  });

  it('a zip bomb that declares its unpacked size honestly, before inflating it', async () => {
    const bomb = Buffer.alloc(3 * 1024 * 1024, ' ');
    const archive = archiveWith(manifestJson(manifest), [
      { name: 'padding.txt', data: bomb },
    ]);
    expect(archive.length).toBeLessThan(10 * 1024);
    expect(await refusalOf(archive)).toEqual(
      refused(
        422,
        'max-unpacked-size',
        /^spec archive entries declare more than 2 MiB unpacked: 3\.0 MiB up to entry 'padding\.txt', which declares 3 MiB \(rule/,
      ),
    );
  });

  it('a zip bomb whose header lies about its size, while inflating it', async () => {
    const bomb = `${manifestJson(manifest)}${' '.repeat(3 * 1024 * 1024)}`;
    const archive = buildZip([
      { name: 'iot-spec.json', data: bomb, declaredSize: 1000 },
    ]);
    expect(archive.length).toBeLessThan(10 * 1024);
    expect(await refusalOf(archive)).toEqual(
      refused(
        422,
        'max-unpacked-size',
        `spec archive entry 'iot-spec.json' inflates past ${
          MAX_SPEC_ARCHIVE_UNPACKED_BYTES / 1024 / 1024
        } MiB though it declares 1000 bytes; refused as a zip bomb (rule: max-unpacked-size)`,
      ),
    );
  });

  it('a central directory that is not one', async () => {
    const archive = archiveWith(manifestJson(manifest));
    const centralAt = archive.readUInt32LE(archive.length - 22 + 16);
    archive.writeUInt32LE(0x12345678, centralAt);
    expect(await refusalOf(archive)).toEqual(
      refused(
        422,
        'archive-integrity',
        'spec archive is corrupt: invalid central directory file header signature: 0x12345678 (rule: archive-integrity)',
      ),
    );
  });

  it('an entry whose size or checksum does not match its content', async () => {
    const content = manifestJson(manifest);
    expect(
      await refusalOf(
        buildZip([{ name: 'iot-spec.json', data: content, declaredSize: 10 }]),
      ),
    ).toEqual(
      refused(
        422,
        'archive-integrity',
        /^spec archive is corrupt: entry 'iot-spec\.json' unpacks to 1\.\d KiB but declares 10 bytes/,
      ),
    );
    expect(
      await refusalOf(
        buildZip([{ name: 'iot-spec.json', data: content, crc32: 0xdeadbeef }]),
      ),
    ).toEqual(
      refused(
        422,
        'archive-integrity',
        /fails its CRC-32 check \(0x[0-9a-f]{8}, declared 0xdeadbeef\)/,
      ),
    );
  });

  it('an archive without iot-spec.json at its top level, naming what it holds', async () => {
    expect(
      await refusalOf(
        buildZip([
          { name: 'parking/', unixMode: 0o40755 },
          { name: 'parking/iot-spec.json', data: manifestJson(manifest) },
        ]),
      ),
    ).toEqual(
      refused(
        422,
        'manifest-missing',
        "spec archive has no iot-spec.json at its top level; it holds 'parking/', 'parking/iot-spec.json'. Import the .zip the portal exported, unchanged (rule: manifest-missing)",
      ),
    );
    expect(await refusalOf(buildZip([]))).toEqual(
      refused(
        422,
        'manifest-missing',
        /no iot-spec\.json at its top level; it is empty\./,
      ),
    );
  });

  it('a manifest that is not JSON', async () => {
    expect(await refusalOf(archiveWith('{ "manifestVersion": 1, '))).toEqual(
      refused(
        422,
        'manifest-json',
        /^spec archive manifest iot-spec\.json is not valid UTF-8 JSON: .*position 24/,
      ),
    );
    expect(
      await refusalOf(
        archiveWith(Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1')),
      ),
    ).toEqual(refused(422, 'manifest-json', /is not valid UTF-8 JSON/));
  });

  it.each([
    [7, 'spec archive manifest version 7 is not supported'],
    ['1', 'spec archive manifest version "1" is not supported'],
    [undefined, 'spec archive manifest iot-spec.json has no manifestVersion'],
  ])('manifest version %j', async (version, what) => {
    expect(
      await refusalOf(
        archiveWith(manifestJson({ ...manifest, manifestVersion: version })),
      ),
    ).toEqual(
      refused(
        422,
        'manifest-version',
        `${what}; this portal reads version 1 (export the spec again from a current portal) (rule: manifest-version)`,
      ),
    );
  });

  it('a manifest that breaks the schema, listing every issue with its path', async () => {
    const broken = {
      ...manifest,
      kind: 'IotApp',
      spec: { ...manifest.spec, type: 'premium', description: '' },
      graph: {
        nodes: [{ id: 'vm 1', type: 'vm', properties: {} }],
        edges: [],
      },
      extra: true,
    };
    const error = await refusalOf(archiveWith(manifestJson(broken)));
    expect(error).toEqual(
      refused(
        422,
        'manifest-schema',
        /^spec archive manifest iot-spec\.json does not match manifest version 1: /,
      ),
    );
    expect(error.message).toContain(
      'kind: Invalid input: expected "IotSpec" (got "IotApp")',
    );
    expect(error.message).toContain(
      'spec.type: Invalid option: expected one of "general"|"custom"|"experience" (got "premium")',
    );
    expect(error.message).toContain('spec.description: is required (got "")');
    expect(error.message).toContain(
      'graph.nodes.0.id: must be 1-64 letters, digits, _ or - (got "vm 1")',
    );
    expect(error.message).toContain('(manifest): Unrecognized key: "extra"');
  });

  it('a manifest that is not an object', async () => {
    expect(await refusalOf(archiveWith('[1]'))).toEqual(
      refused(
        422,
        'manifest-schema',
        'spec archive manifest iot-spec.json does not match manifest version 1: (manifest): Invalid input: expected object, received array (rule: manifest-schema)',
      ),
    );
  });
});
