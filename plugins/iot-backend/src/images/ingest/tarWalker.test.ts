import { createTar } from './__testUtils__/archives';
import { ImageRuleError } from './errors';
import { TarWalker, TarWalkerOptions } from './tarWalker';

function walk(tar: Buffer, options: Partial<TarWalkerOptions> = {}) {
  const walker = new TarWalker({
    maxBytes: 1024 ** 3,
    contentLabel: 'the content',
    collect: path => path === 'keep.txt',
    ...options,
  });
  walker.write(tar);
  return walker.end();
}

function header(
  name: string,
  fields: { size?: string; typeflag?: string; magic?: string } = {},
) {
  const block = Buffer.alloc(512);
  block.write(name, 0, 'latin1');
  block.write('0000644\0', 100, 'latin1');
  block.write(fields.size ?? '00000000000\0', 124, 'latin1');
  block.write(fields.typeflag ?? '0', 156, 'latin1');
  block.write(fields.magic ?? '', 257, 'latin1');
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

describe('TarWalker', () => {
  it('lists entries, collects what it is asked to and counts every byte', () => {
    const tar = Buffer.concat([
      createTar([
        { name: './dir/', type: 'directory' },
        { name: 'dir//file', data: 'abc' },
        { name: 'keep.txt', data: 'kept' },
      ]),
      Buffer.alloc(1000, 1),
    ]);
    const archive = walk(tar);
    expect([...archive.entries.values()]).toEqual([
      { path: 'dir', type: 'directory', size: 0, linkTarget: undefined },
      { path: 'dir/file', type: 'file', size: 3, linkTarget: undefined },
      { path: 'keep.txt', type: 'file', size: 4, linkTarget: undefined },
    ]);
    expect(archive.collected.get('keep.txt')?.toString()).toBe('kept');
    expect(archive.bytes).toBe(tar.length);
  });

  it('reads pre-POSIX (v7) headers, without the ustar magic', () => {
    const tar = Buffer.concat([
      header('old.txt', { size: '00000000003\0' }),
      Buffer.from('abc'),
      Buffer.alloc(509 + 1024),
    ]);
    expect(walk(tar).findFile('old.txt')).toMatchObject({ size: 3 });
  });

  it('takes the size from a pax header, and skips global pax headers', () => {
    const pax = Buffer.from('11 size=20\n');
    const global = Buffer.from('20 path=/etc/passwd\n');
    const tar = Buffer.concat([
      header('global', {
        typeflag: 'g',
        size: `${global.length.toString(8).padStart(11, '0')}\0`,
        magic: 'ustar\u000000',
      }),
      global,
      Buffer.alloc(512 - global.length),
      header('pax', {
        typeflag: 'x',
        size: `${pax.length.toString(8).padStart(11, '0')}\0`,
        magic: 'ustar\u000000',
      }),
      pax,
      Buffer.alloc(512 - pax.length),
      header('file', { size: '00000000000\0', magic: 'ustar\u000000' }),
      Buffer.alloc(512),
      Buffer.alloc(1024),
    ]);
    expect(walk(tar).findFile('file')).toMatchObject({ size: 20 });
  });

  it.each([
    [
      'a size field that is not a number',
      header('x', { size: '0000000009z\0' }),
      'the header at byte 0 has an invalid size field',
    ],
    [
      'a malformed pax record',
      Buffer.concat([
        header('p', { typeflag: 'x', size: '00000000005\0' }),
        Buffer.from('99 x\n'),
        Buffer.alloc(507),
      ]),
      'has a malformed record',
    ],
  ])('refuses %s', (_, tar, message) => {
    expect(() => walk(Buffer.concat([tar, Buffer.alloc(1024)]))).toThrow(
      message,
    );
  });

  it('refuses more entries than allowed', () => {
    const tar = createTar(
      Array.from({ length: 4 }, (_, i) => ({ name: `f${i}` })),
    );
    let error: unknown;
    try {
      walk(tar, { maxEntries: 3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImageRuleError);
    expect(error).toMatchObject({
      status: 422,
      rule: 'max-entries',
      message:
        "tar archive has more than 3 entries, far more than a docker save archive; refused at entry 'f3' (rule: max-entries)",
    });
  });
});
