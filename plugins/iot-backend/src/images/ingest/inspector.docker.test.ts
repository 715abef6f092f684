import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  createArchiveWithMissingLayer,
  createArchiveWithoutManifest,
  createDeclaredSizeBomb,
  createDockerSaveArchive,
  createLegacyDockerArchive,
  createOutsideLinkArchive,
  createRandomBytes,
  createTar,
  createTruncatedGzip,
  createTruncatedTar,
  createZeroPaddedArchive,
  createZipSlipArchive,
  dockerSaveEntries,
  SampleTarEntry,
} from './__testUtils__/archives';
import { inspect } from './__testUtils__/inspect';
import { ImageRuleError, MAX_IMAGE_BYTES } from './errors';
import { parseImageFileName } from './fileName';
import { createImageInspector } from './inspector';

const TAR = 'docker_parking-server_1.0.0.tar';
const TAR_GZ = 'docker_parking-server_1.0.0.tar.gz';
const GiB = 1024 ** 3;

function sha256(data: Buffer) {
  return createHash('sha256').update(data).digest('hex');
}

function withEntries(extra: SampleTarEntry[], gzip = false) {
  const tar = createTar([...dockerSaveEntries(), ...extra]);
  return gzip ? gzipSync(tar) : tar;
}

/** Inspects a file expected to be refused; checks the refusal reached no writer's end. */
async function refusal(
  fileName: string,
  content: Buffer,
  options: { maxBytes?: number; chunkSize?: number } = {},
) {
  const outcome = await inspect(fileName, content, options);
  expect(outcome.result).toBeUndefined();
  expect(outcome.error).toBeInstanceOf(ImageRuleError);
  expect(outcome.writerSawEnd).toBe(false);
  return outcome.error as ImageRuleError;
}

describe('createImageInspector for Docker images', () => {
  describe('accepts docker save archives', () => {
    it.each([
      [
        'classic layout, .tar',
        TAR,
        { layout: 'classic' as const, gzip: false },
      ],
      [
        'classic layout, .tar.gz',
        TAR_GZ,
        { layout: 'classic' as const, gzip: true },
      ],
      ['OCI layout, .tar', TAR, { layout: 'oci' as const, gzip: false }],
      ['OCI layout, .tar.gz', TAR_GZ, { layout: 'oci' as const, gzip: true }],
    ])('%s', async (_, fileName, options) => {
      const content = createDockerSaveArchive({ ...options, layers: 3 });
      const tarBytes = options.gzip
        ? createDockerSaveArchive({ ...options, gzip: false, layers: 3 }).length
        : content.length;

      const outcome = await inspect(fileName, content);

      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toEqual({
        kind: 'docker',
        format: 'docker-archive',
        sha256: sha256(content),
        sizeBytes: content.length,
        unpackedBytes: tarBytes,
        docker: {
          repoTags: ['acme/parking-server:1.0.0'],
          layers: 3,
          compressed: Boolean(options.gzip),
        },
      });
      expect(outcome.written).toBe(content.length);
      expect(outcome.writerSawEnd).toBe(true);
    });

    it('a legacy archive with only a repositories file', async () => {
      const content = createLegacyDockerArchive({ layers: 2, tag: 'old' });
      const outcome = await inspect(TAR, content);
      expect(outcome.result?.docker).toEqual({
        repoTags: ['acme/parking-server:old'],
        layers: 2,
        compressed: false,
      });
    });

    it.each([1, 7, 511, 512, 513, 4096, 1024 * 1024])(
      'whatever the chunk size (%d bytes)',
      async chunkSize => {
        const content = createDockerSaveArchive({
          gzip: true,
          layerBytes: 20_000,
        });
        const outcome = await inspect(TAR_GZ, content, { chunkSize });
        expect(outcome.result?.sha256).toBe(sha256(content));
        expect(outcome.written).toBe(content.length);
      },
    );

    it('layers shared through in-archive symbolic links, long names and ./ paths', async () => {
      const entries = dockerSaveEntries({ layers: 1 });
      const layer = entries.find(e => e.name.endsWith('/layer.tar'))!;
      const longDir = `${'d'.repeat(80)}/${'e'.repeat(80)}`;
      const content = createTar([
        ...entries.filter(e => e.name !== 'manifest.json'),
        { name: 'shared/', type: 'directory' },
        {
          name: 'shared/layer.tar',
          type: 'symlink',
          linkname: `../${layer.name}`,
        },
        { name: `${longDir}/pax-layer.tar`, data: 'x', longName: 'pax' },
        { name: `${longDir}/gnu-layer.tar`, data: 'y', longName: 'gnu' },
        { name: './hard/layer.tar', type: 'hardlink', linkname: layer.name },
        {
          name: './manifest.json',
          data: JSON.stringify([
            {
              Config: entries.find(
                e => e.name.endsWith('.json') && !e.name.includes('/'),
              )!.name,
              RepoTags: null,
              Layers: [
                'shared/layer.tar',
                `./${longDir}/pax-layer.tar`,
                `${longDir}/gnu-layer.tar`,
                'hard/layer.tar',
              ],
            },
          ]),
        },
      ]);
      const outcome = await inspect(TAR, content);
      expect(outcome.error).toBeUndefined();
      expect(outcome.result?.docker).toEqual({
        repoTags: [],
        layers: 4,
        compressed: false,
      });
    });

    it('ignores what follows the end-of-archive marker, as tar does', async () => {
      const content = Buffer.concat([
        createDockerSaveArchive(),
        Buffer.alloc(9000, 7),
      ]);
      const outcome = await inspect(TAR, content);
      expect(outcome.result?.sizeBytes).toBe(content.length);
    });
  });

  describe('refuses content that is not a tar or does not match the extension', () => {
    it.each([
      [
        'random bytes named .tar',
        TAR,
        createRandomBytes(64 * 1024, 5),
        415,
        'archive-format',
        'the content is not a tar archive',
      ],
      [
        'random bytes named .tar.gz',
        TAR_GZ,
        createRandomBytes(64 * 1024, 5),
        415,
        'archive-format',
        'the content is neither',
      ],
      [
        'gzip of random bytes',
        TAR_GZ,
        gzipSync(createRandomBytes(64 * 1024, 5)),
        415,
        'archive-format',
        'the decompressed content is not a tar archive',
      ],
      [
        'an empty file named .tar',
        TAR,
        Buffer.alloc(0),
        415,
        'archive-format',
        'shorter than one tar header',
      ],
      [
        'an empty file named .tar.gz',
        TAR_GZ,
        Buffer.alloc(0),
        415,
        'archive-format',
        'the file is empty',
      ],
      [
        'gzip content named .tar',
        TAR,
        createDockerSaveArchive({ gzip: true }),
        422,
        'extension-matches-content',
        'named .tar but its content is gzip-compressed (it starts with 1f 8b)',
      ],
      [
        'a plain tar named .tar.gz',
        TAR_GZ,
        createDockerSaveArchive(),
        422,
        'extension-matches-content',
        'named .tar.gz but its content is a plain tar',
      ],
    ])('%s', async (_, fileName, content, status, rule, message) => {
      const error = await refusal(fileName, content);
      expect(error).toMatchObject({ status, rule });
      expect(error.message).toContain(message);
      expect(error.message).toContain(`(rule: ${rule})`);
    });
  });

  describe('refuses archives that are not docker save archives', () => {
    it('without manifest.json or repositories, listing what it holds', async () => {
      const error = await refusal(TAR, createArchiveWithoutManifest());
      expect(error).toMatchObject({ status: 422, rule: 'docker-save' });
      expect(error.message).toMatch(
        /^not a docker save archive: it has neither manifest.json nor repositories at its root \(it holds '[0-9a-f]{64}', /,
      );
    });

    it.each(['classic', 'oci'] as const)(
      'when a layer manifest.json lists is missing (%s layout)',
      async layout => {
        const error = await refusal(
          TAR_GZ,
          createArchiveWithMissingLayer({ layout, gzip: true }),
        );
        expect(error).toMatchObject({ status: 422, rule: 'docker-save' });
        expect(error.message).toMatch(
          /^manifest.json references layer '(blobs\/sha256\/)?[0-9a-f]{64}(\/layer.tar)?', which is not in the archive \(rule: docker-save\)$/,
        );
      },
    );

    it('when the config is missing', async () => {
      const error = await refusal(
        TAR,
        createTar(
          dockerSaveEntries().filter(e => !/^[0-9a-f]{64}\.json$/.test(e.name)),
        ),
      );
      expect(error.message).toMatch(
        /^manifest.json references config '[0-9a-f]{64}.json', which is not in the archive/,
      );
    });

    it('when a layer is a directory, or a link to nothing', async () => {
      const entries = dockerSaveEntries({ layers: 1 });
      const manifest = (layers: string[]) => ({
        name: 'manifest.json',
        data: JSON.stringify([
          { Config: entries[3].name, RepoTags: [], Layers: layers },
        ]),
      });
      const base = entries.filter(e => e.name !== 'manifest.json');
      expect(
        (
          await refusal(
            TAR,
            createTar([
              ...base,
              { name: 'dir/', type: 'directory' },
              manifest(['dir']),
            ]),
          )
        ).message,
      ).toContain(
        "references layer 'dir', which is a directory in the archive, not a file",
      );
      expect(
        (
          await refusal(
            TAR,
            createTar([
              ...base,
              { name: 'dangling', type: 'symlink', linkname: 'nowhere' },
              manifest(['dangling']),
            ]),
          )
        ).message,
      ).toContain(
        "references layer 'dangling', which is a symlink in the archive, not a file",
      );
    });

    it.each([
      ['not JSON', '[{', 'manifest.json is not valid JSON: '],
      [
        'an object',
        '{}',
        'manifest.json must be a non-empty JSON array of { Config, RepoTags, Layers }; got {}',
      ],
      ['an empty array', '[]', 'got []'],
      [
        'an item without Config',
        '[{"Layers":[]}]',
        'manifest.json item 0 has no Config path; got undefined',
      ],
      [
        'Layers not a list',
        '[{"Config":"c","Layers":"l"}]',
        'manifest.json item 0 has Layers that are not a list of paths; got "l"',
      ],
      [
        'RepoTags not strings',
        '[{"Config":"c","RepoTags":[1],"Layers":[]}]',
        'has RepoTags that are not a list of strings; got [1]',
      ],
    ])('when manifest.json is %s', async (_, manifest, message) => {
      const content = createTar([
        ...dockerSaveEntries().filter(e => e.name !== 'manifest.json'),
        { name: 'manifest.json', data: manifest },
      ]);
      const error = await refusal(TAR, content);
      expect(error).toMatchObject({ status: 422, rule: 'docker-save' });
      expect(error.message).toContain(message);
    });

    it('when manifest.json is over 1 MiB, without reading it', async () => {
      const error = await refusal(
        TAR,
        createTar(
          [{ name: 'manifest.json', data: 'x', declaredSize: 2 * 1024 * 1024 }],
          { endOfArchive: false },
        ),
      );
      expect(error.message).toBe(
        'manifest.json is 2 MiB; at most 1 MiB is read (rule: docker-save)',
      );
    });

    it.each([
      ['an array', '[]', 'repositories must be a JSON object'],
      [
        'a tag without a layer id',
        '{"r":{"t":"../x"}}',
        `repositories tag 'r:t' must name a layer id; got "../x"`,
      ],
      [
        'a layer id without entries',
        '{"r":{"t":"abc"}}',
        "repositories references layer 'abc', but the archive has no entries under 'abc/'",
      ],
    ])(
      'when the legacy repositories file has %s',
      async (_, repositories, message) => {
        const content = createTar([
          ...dockerSaveEntries({ repositoriesOnly: true }).filter(
            e => e.name !== 'repositories',
          ),
          { name: 'repositories', data: repositories },
        ]);
        const error = await refusal(TAR, content);
        expect(error).toMatchObject({ status: 422, rule: 'docker-save' });
        expect(error.message).toContain(message);
      },
    );
  });

  describe('refuses unsafe paths and links', () => {
    it.each([
      [
        '../../etc/cron.d/evil',
        "tar entry '../../etc/cron.d/evil' escapes the archive (rule: safe-paths)",
      ],
      [
        'etc/../../x',
        "tar entry 'etc/../../x' escapes the archive (rule: safe-paths)",
      ],
      [
        'etc/../x',
        "tar entry 'etc/../x' has a '..' segment (rule: safe-paths)",
      ],
      [
        '..\\..\\windows\\evil',
        "tar entry '..\\..\\windows\\evil' escapes the archive (rule: safe-paths)",
      ],
      [
        '/etc/passwd',
        "tar entry '/etc/passwd' has an absolute path (rule: safe-paths)",
      ],
      [
        'C:/evil',
        "tar entry 'C:/evil' has an absolute path (rule: safe-paths)",
      ],
      [
        'ok\0../../evil',
        "tar entry name 'ok\\x00../../evil' contains a NUL byte (rule: safe-paths)",
      ],
    ])('an entry named %j', async (name, message) => {
      for (const gzip of [false, true]) {
        const error = await refusal(
          gzip ? TAR_GZ : TAR,
          createZipSlipArchive(name, { gzip }),
        );
        expect(error).toMatchObject({ status: 422, rule: 'safe-paths' });
        expect(error.message).toBe(message);
      }
    });

    it.each([
      ['../../../etc/passwd', 'etc/passwd', 'symlink'],
      ['/etc/passwd', 'etc/passwd', 'symlink'],
      ['../x', 'top-level', 'symlink'],
      ['', 'empty', 'symlink'],
      ['../etc/passwd', 'etc/passwd', 'hardlink'],
      ['/etc/shadow', 'shadow', 'hardlink'],
    ] as const)('a link to %j', async (target, linkName, linkType) => {
      const error = await refusal(
        TAR,
        createOutsideLinkArchive(target, { linkName, linkType }),
      );
      expect(error).toMatchObject({ status: 422, rule: 'safe-paths' });
      expect(error.message).toBe(
        `tar ${
          linkType === 'symlink' ? 'symbolic' : 'hard'
        } link '${linkName}' -> '${target}' points outside the archive (rule: safe-paths)`,
      );
    });

    it('a link that leaves the archive through another link', async () => {
      // 'up/x' looks inside, but 'up' is the archive root, so 'up/../..' is its parent.
      const error = await refusal(
        TAR,
        withEntries([
          { name: 'a/b/up', type: 'symlink', linkname: '../..' },
          { name: 'a/b/escape', type: 'symlink', linkname: 'up/../x' },
        ]),
      );
      expect(error.message).toBe(
        "tar symbolic link 'a/b/escape' -> 'up/../x' points outside the archive (rule: safe-paths)",
      );
    });

    it('a loop of links', async () => {
      const error = await refusal(
        TAR,
        withEntries([
          { name: 'loop/a', type: 'symlink', linkname: 'b' },
          { name: 'loop/b', type: 'symlink', linkname: 'a' },
        ]),
      );
      expect(error.message).toMatch(
        /^tar symbolic link 'loop\/[ab]' -> '[ab]' goes round a loop of links \(rule: safe-paths\)$/,
      );
    });

    it.each([
      ['character-device', 'a character device'],
      ['block-device', 'a block device'],
      ['fifo', 'a fifo'],
    ] as const)('a %s entry', async (type, what) => {
      const error = await refusal(
        TAR,
        withEntries([{ name: 'dev/thing', type }]),
      );
      expect(error).toMatchObject({ status: 422, rule: 'safe-paths' });
      expect(error.message).toBe(
        `tar entry 'dev/thing' is ${what}; devices and fifos are refused (rule: safe-paths)`,
      );
    });

    it('unsafe names hidden in pax and GNU long names', async () => {
      const deep = `${'d'.repeat(120)}/../../../etc/passwd`;
      for (const longName of ['pax', 'gnu'] as const) {
        const error = await refusal(
          TAR,
          withEntries([{ name: deep, data: 'x', longName }]),
        );
        expect(error.message).toBe(
          `tar entry '${deep}' escapes the archive (rule: safe-paths)`,
        );
        const link = await refusal(
          TAR,
          withEntries([
            {
              name: 'l',
              type: 'symlink',
              linkname: `${'d/'.repeat(60)}${'../'.repeat(61)}x`,
              longName,
            },
          ]),
        );
        expect(link.message).toContain(
          'points outside the archive (rule: safe-paths)',
        );
      }
    });
  });

  describe('refuses archives over the size limit', () => {
    it.each([
      ['.tar', TAR, false],
      ['.tar.gz', TAR_GZ, true],
    ])(
      'a header declaring 3 GiB (%s) at the real 2 GiB limit, without reading on',
      async (_, fileName, gzip) => {
        const error = await refusal(fileName, createDeclaredSizeBomb({ gzip }));
        expect(error).toMatchObject({ status: 413, rule: 'max-size' });
        expect(error.message).toMatch(
          /^decompressed size exceeds 2 GiB at entry 'bomb\/layer.tar', which declares 3 GiB and would bring the archive to 3.0 GiB \(rule: max-size\)$/,
        );
      },
    );

    it('a header declaring 16 TiB in base-256', async () => {
      const error = await refusal(
        TAR,
        createDeclaredSizeBomb({ declaredBytes: 16 * 1024 ** 4 }),
      );
      expect(error.message).toContain('which declares 16 TiB');
    });

    it.each([
      ['.tar', TAR, false],
      ['.tar.gz', TAR_GZ, true],
    ])(
      'refuses a declared bomb within 1 s of its header arriving, upload still open (%s)',
      async (_, fileName, gzip) => {
        const inspector = createImageInspector({
          fileName: parseImageFileName(fileName),
        });
        inspector.stream.resume();
        const failed = new Promise<Error>(resolve =>
          inspector.stream.on('error', resolve),
        );
        const started = process.hrtime.bigint();
        // the bomb, and then the upload just stays open
        inspector.stream.write(createDeclaredSizeBomb({ gzip }));
        const error = await failed;
        const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
        expect(error).toMatchObject({ status: 413, rule: 'max-size' });
        expect(elapsedMs).toBeLessThan(1000);
        await expect(inspector.result).rejects.toBe(error);
      },
    );

    it('declared sizes that add up past a small limit', async () => {
      const content = createDockerSaveArchive({
        layers: 4,
        layerBytes: 40_000,
      });
      const error = await refusal(TAR, content, { maxBytes: 100_000 });
      expect(error).toMatchObject({ status: 413, rule: 'max-size' });
      expect(error.message).toMatch(
        /^decompressed size exceeds 97.7 KiB at entry '[0-9a-f]{64}\/layer.tar', which declares 41 KiB and would bring the archive to 1\d\d(.\d)? KiB \(rule: max-size\)$/,
      );
    });

    it('inflated bytes past the limit, at limit + 1', async () => {
      const content = createZeroPaddedArchive(8 * 1024 * 1024);
      expect(content.length).toBeLessThan(100_000);
      const error = await refusal(TAR_GZ, content, { maxBytes: 1024 * 1024 });
      expect(error).toMatchObject({ status: 413, rule: 'max-size' });
      expect(error.message).toMatch(
        /^decompressed size exceeds 1 MiB: 1.\d MiB inflated so far \(rule: max-size\)$/,
      );
    });

    it('an upload past the limit', async () => {
      // what follows the end-of-archive marker is no tar entry, but it is uploaded
      const archive = createDockerSaveArchive();
      const content = Buffer.concat([archive, Buffer.alloc(300_000, 1)]);
      const error = await refusal(TAR, content, {
        maxBytes: archive.length + 1024,
      });
      expect(error).toMatchObject({ status: 413, rule: 'max-size' });
      expect(error.message).toMatch(
        /^upload exceeds [\d.]+ KiB: [\d.]+ KiB received so far \(rule: max-size\)$/,
      );
    });

    it('accepts an archive exactly at the limit', async () => {
      const content = createDockerSaveArchive();
      const outcome = await inspect(TAR, content, { maxBytes: content.length });
      expect(outcome.result?.sizeBytes).toBe(content.length);
    });
  });

  describe('refuses broken archives', () => {
    it('a truncated gzip stream', async () => {
      const error = await refusal(TAR_GZ, createTruncatedGzip());
      expect(error).toMatchObject({ status: 422, rule: 'archive-integrity' });
      expect(error.message).toMatch(
        /^the gzip stream is truncated \(unexpected end of file\) after .* of compressed data \(rule: archive-integrity\)$/,
      );
    });

    it('a corrupt gzip stream', async () => {
      const gz = createDockerSaveArchive({ gzip: true, layerBytes: 50_000 });
      gz.fill(0xff, 200, 400);
      const error = await refusal(TAR_GZ, gz);
      expect(error).toMatchObject({ status: 422, rule: 'archive-integrity' });
      expect(error.message).toMatch(/^the gzip stream is corrupt \(/);
    });

    it('bytes after the gzip stream that are not gzip (zero padding is fine)', async () => {
      const gz = createDockerSaveArchive({ gzip: true });
      const error = await refusal(
        TAR_GZ,
        Buffer.concat([gz, Buffer.from('trailing garbage')]),
      );
      expect(error.message).toMatch(
        /^the gzip stream is corrupt \(incorrect header check\)/,
      );
      const padded = await inspect(
        TAR_GZ,
        Buffer.concat([gz, Buffer.alloc(4096)]),
      );
      expect(padded.result?.sizeBytes).toBe(gz.length + 4096);
    });

    it('a tar cut inside an entry', async () => {
      const error = await refusal(TAR, createTruncatedTar());
      expect(error).toMatchObject({ status: 422, rule: 'archive-integrity' });
      expect(error.message).toMatch(
        /^tar archive is truncated: it ends inside entry 'repositories' with 100 bytes missing \(rule: archive-integrity\)$/,
      );
    });

    it('a tar cut inside a header', async () => {
      const error = await refusal(
        TAR,
        createTruncatedTar({ cut: 1024 + 512 + 412 }),
      );
      expect(error.message).toMatch(
        /^tar archive is truncated: it ends inside a header at byte \d+ \(rule: archive-integrity\)$/,
      );
    });

    it.each([
      ['no end-of-archive marker', 1024],
      ['a single zero block', 512],
    ])('a tar with %s', async (_, cut) => {
      const error = await refusal(TAR, createTruncatedTar({ cut }));
      expect(error.message).toMatch(
        /^tar archive ends after .* without its end-of-archive marker \(two zero blocks\); it is probably truncated \(rule: archive-integrity\)$/,
      );
    });

    it('the same, gzip-compressed', async () => {
      const error = await refusal(
        TAR_GZ,
        gzipSync(createTruncatedTar({ cut: 1024 })),
      );
      expect(error.message).toContain('without its end-of-archive marker');
    });

    it('a corrupt header inside the archive', async () => {
      const tar = createDockerSaveArchive();
      tar[512 * 3 + 10] ^= 0xff;
      const error = await refusal(TAR, tar);
      expect(error.message).toBe(
        'tar archive is corrupt: the header at byte 1536 is corrupt (rule: archive-integrity)',
      );
    });

    it('a header after a single zero block', async () => {
      const entries = dockerSaveEntries();
      const tar = Buffer.concat([
        createTar(entries.slice(0, 2), { endOfArchive: false }),
        Buffer.alloc(512),
        createTar(entries.slice(2)),
      ]);
      const error = await refusal(TAR, tar);
      expect(error.message).toBe(
        'tar archive is corrupt: a single zero block is followed by a header at byte 2048 (rule: archive-integrity)',
      );
    });
  });

  describe('never lets a writer see the end of an invalid file', () => {
    const invalid: Array<[string, string, Buffer]> = [
      ['missing manifest', TAR, createArchiveWithoutManifest()],
      ['missing layer', TAR_GZ, createArchiveWithMissingLayer({ gzip: true })],
      ['no end marker', TAR, createTruncatedTar({ cut: 1024 })],
      ['truncated gzip', TAR_GZ, createTruncatedGzip()],
      [
        'outside link defined after its use',
        TAR,
        withEntries([
          { name: 'a/up', type: 'symlink', linkname: '..' },
          { name: 'a/esc', type: 'symlink', linkname: 'up/../x' },
        ]),
      ],
    ];

    it.each(invalid)(
      '%s: every byte passed on, no end, the same error on the stream and the result',
      async (_, fileName, content) => {
        const inspector = createImageInspector({
          fileName: parseImageFileName(fileName),
        });
        let written = 0;
        let ended = false;
        inspector.stream.on('data', (chunk: Buffer) => {
          written += chunk.length;
        });
        inspector.stream.on('end', () => {
          ended = true;
        });
        const streamError = new Promise(resolve =>
          inspector.stream.on('error', resolve),
        );
        inspector.stream.end(content);
        const error = await streamError;
        await expect(inspector.result).rejects.toBe(error);
        expect(error).toBeInstanceOf(ImageRuleError);
        expect(ended).toBe(false);
        // the checks that need the whole file ran in flush, after the last byte
        expect(written).toBe(content.length);
      },
    );

    it('rejects the result when the upload is aborted', async () => {
      const inspector = createImageInspector({
        fileName: parseImageFileName(TAR),
      });
      inspector.stream.on('error', () => {});
      inspector.stream.write(createDockerSaveArchive().subarray(0, 2048));
      const aborted = new Error('client went away');
      inspector.stream.destroy(aborted);
      await expect(inspector.result).rejects.toBe(aborted);
    });

    it('rejects the result when the stream is destroyed without an error', async () => {
      const inspector = createImageInspector({
        fileName: parseImageFileName(TAR_GZ),
      });
      inspector.stream.write(
        createDockerSaveArchive({ gzip: true }).subarray(0, 100),
      );
      inspector.stream.destroy();
      await expect(inspector.result).rejects.toThrow(
        'image upload was destroyed before it ended',
      );
    });
  });

  it('keeps the limit at 2 GiB by default', () => {
    expect(MAX_IMAGE_BYTES).toBe(2 * GiB);
  });
});
