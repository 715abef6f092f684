import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { extract, Header } from 'tar-stream';
import {
  createDeclaredSizeBomb,
  createDockerSaveArchive,
  createLegacyDockerArchive,
  createTar,
  createVmImage,
} from './samples';

/** Reads a tar with an independent implementation (tar-stream). */
async function listWithTarStream(tar: Buffer) {
  const entries: Array<Header & { content: Buffer; data: string }> = [];
  const extractor = extract();
  const done = new Promise<void>((resolve, reject) => {
    extractor.on('finish', resolve);
    extractor.on('error', reject);
  });
  extractor.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      chunks.push(chunk as Buffer);
    });
    stream.on('end', () => {
      entries.push({
        ...header,
        content: Buffer.concat(chunks),
        data: Buffer.concat(chunks).toString(),
      });
      next();
    });
  });
  Readable.from([tar]).pipe(extractor);
  await done;
  return entries;
}

describe('samples', () => {
  it('builds a classic docker save archive tar-stream reads', async () => {
    const entries = await listWithTarStream(
      createDockerSaveArchive({ layers: 2 }),
    );
    const names = entries.map(e => e.name);
    expect(names).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}\/$/),
      expect.stringMatching(/^[0-9a-f]{64}\/VERSION$/),
      expect.stringMatching(/^[0-9a-f]{64}\/json$/),
      expect.stringMatching(/^[0-9a-f]{64}\/layer.tar$/),
      expect.stringMatching(/^[0-9a-f]{64}\/$/),
      expect.stringMatching(/^[0-9a-f]{64}\/VERSION$/),
      expect.stringMatching(/^[0-9a-f]{64}\/json$/),
      expect.stringMatching(/^[0-9a-f]{64}\/layer.tar$/),
      expect.stringMatching(/^[0-9a-f]{64}\.json$/),
      'manifest.json',
      'repositories',
    ]);
    const manifest = JSON.parse(
      entries.find(e => e.name === 'manifest.json')!.data,
    );
    expect(manifest).toEqual([
      {
        Config: names[8],
        RepoTags: ['acme/parking-server:1.0.0'],
        Layers: [names[3], names[7]],
      },
    ]);
  });

  it('builds an OCI-layout docker save archive whose blobs are named by their digest', async () => {
    const tar = gunzipSync(
      createDockerSaveArchive({ layout: 'oci', gzip: true }),
    );
    const entries = await listWithTarStream(tar);
    expect(entries.map(e => e.name)).toEqual(
      expect.arrayContaining([
        'blobs/',
        'blobs/sha256/',
        'index.json',
        'oci-layout',
        'manifest.json',
      ]),
    );
    for (const blob of entries.filter(
      e => e.type === 'file' && e.name.startsWith('blobs/sha256/'),
    )) {
      expect(createHash('sha256').update(blob.content).digest('hex')).toBe(
        blob.name.slice('blobs/sha256/'.length),
      );
    }
  });

  it('builds a legacy archive with repositories and no manifest.json', async () => {
    const entries = await listWithTarStream(createLegacyDockerArchive());
    const names = entries.map(e => e.name);
    expect(names).toContain('repositories');
    expect(names).not.toContain('manifest.json');
  });

  it('writes long names that tar-stream reads back, in pax and GNU form', async () => {
    const name = `${'a'.repeat(150)}/file`;
    for (const longName of ['pax', 'gnu'] as const) {
      const entries = await listWithTarStream(
        createTar([{ name, data: 'x', longName }]),
      );
      expect(entries.map(e => e.name)).toEqual([name]);
    }
  });

  it('declares the bomb in a valid header', async () => {
    const extractor = extract();
    const header = new Promise<Header>(resolve =>
      extractor.on('entry', (h, stream, next) => {
        if (h.name === 'bomb/layer.tar') {
          resolve(h);
        }
        stream.resume();
        next();
      }),
    );
    extractor.on('error', () => {});
    extractor.write(createDeclaredSizeBomb());
    expect((await header).size).toBe(3 * 1024 ** 3);
    extractor.destroy();
  });

  it('is deterministic', () => {
    expect(
      createDockerSaveArchive({ gzip: true }).equals(
        createDockerSaveArchive({ gzip: true }),
      ),
    ).toBe(true);
    expect(createVmImage('vhd-fixed').equals(createVmImage('vhd-fixed'))).toBe(
      true,
    );
  });
});
