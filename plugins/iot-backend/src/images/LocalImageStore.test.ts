import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalImageStore } from './LocalImageStore';

describe('LocalImageStore', () => {
  let directory: string;
  let store: LocalImageStore;

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-images-'));
    store = LocalImageStore.fromConfig(
      new ConfigReader({ iot: { images: { local: { directory } } } }),
    );
  });

  afterEach(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  async function keys() {
    const found: string[] = [];
    for await (const key of store.list()) {
      found.push(key);
    }
    return found.sort();
  }

  async function filesOnDisk(dir = directory): Promise<string[]> {
    const entries = await fs.readdir(dir, {
      withFileTypes: true,
      recursive: true,
    });
    return entries
      .filter(entry => entry.isFile())
      .map(entry =>
        path.relative(directory, path.join(entry.parentPath, entry.name)),
      )
      .sort();
  }

  it('writes, lists, reads and deletes objects by key', async () => {
    const result = await store.write(
      'parking-server/1.4.2-abc',
      Readable.from([Buffer.from('hello '), Buffer.from('world')]),
    );

    expect(result).toEqual({ sizeBytes: 11 });
    expect(await keys()).toEqual(['parking-server/1.4.2-abc']);
    expect(await text(await store.read('parking-server/1.4.2-abc'))).toBe(
      'hello world',
    );
    expect(await filesOnDisk()).toEqual([
      path.join('parking-server', '1.4.2-abc'),
    ]);

    await store.delete('parking-server/1.4.2-abc');
    await store.delete('parking-server/1.4.2-abc');

    expect(await keys()).toEqual([]);
    await expect(store.read('parking-server/1.4.2-abc')).rejects.toThrow(
      NotFoundError,
    );
  });

  it('shows nothing under the key until the write has ended', async () => {
    const body = new PassThrough();
    const writing = store.write('a/b', body);
    body.write('first half');
    await new Promise(resolve => setTimeout(resolve, 50));

    expect(await keys()).toEqual([]);
    expect(await filesOnDisk()).toEqual([
      expect.stringMatching(/^a\/b\.partial-[0-9a-f]{16}$/),
    ]);

    body.end(' and the rest');
    await writing;
    expect(await keys()).toEqual(['a/b']);
    expect(await filesOnDisk()).toEqual(['a/b']);
  });

  it('removes the partial file when the body fails', async () => {
    const body = new PassThrough();
    const writing = store.write('a/b', body);
    body.write('some bytes');
    await new Promise(resolve => setTimeout(resolve, 20));
    body.destroy(new Error('client went away'));

    await expect(writing).rejects.toThrow('client went away');
    expect(await filesOnDisk()).toEqual([]);
  });

  it('removes the partial file when the body is destroyed without an error', async () => {
    const body = new PassThrough();
    const writing = store.write('a/b', body);
    body.write('some bytes');
    await new Promise(resolve => setTimeout(resolve, 20));
    body.destroy();

    await expect(writing).rejects.toThrow(/premature close/i);
    expect(await filesOnDisk()).toEqual([]);
  });

  it('removes what interrupted writes left behind', async () => {
    await store.write('kept', Readable.from(['complete']));
    await fs.mkdir(path.join(directory, 'x'), { recursive: true });
    await fs.writeFile(path.join(directory, 'x', 'y.partial-0123'), 'half');
    await fs.writeFile(path.join(directory, 'z.partial-4567'), 'half');

    expect(await store.removeIncomplete()).toBe(2);
    expect(await filesOnDisk()).toEqual(['kept']);
    expect(await store.removeIncomplete()).toBe(0);
  });

  it('refuses keys that could leave the directory or look partial', async () => {
    for (const key of [
      '../escape',
      '/absolute',
      'a/../b',
      'a//b',
      '.hidden',
      'a/b.partial-1',
      '',
    ]) {
      await expect(store.write(key, Readable.from(['x']))).rejects.toThrow(
        /image store keys are/,
      );
    }
    expect(await filesOnDisk()).toEqual([]);
  });

  it('lists nothing when the directory does not exist yet', async () => {
    const fresh = new LocalImageStore(path.join(directory, 'not-yet'));

    const found: string[] = [];
    for await (const key of fresh.list()) {
      found.push(key);
    }

    expect(found).toEqual([]);
    expect(await fresh.removeIncomplete()).toBe(0);
  });

  it('explains the missing configuration', () => {
    expect(() => LocalImageStore.fromConfig(new ConfigReader({}))).toThrow(
      /set iot\.images\.local\.directory/,
    );
  });
});
