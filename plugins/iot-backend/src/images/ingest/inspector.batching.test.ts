import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createDockerSaveArchive } from './__testUtils__/archives';
import { parseImageFileName } from './fileName';
import { createImageInspector, INSPECTOR_BATCH_BYTES } from './inspector';

const TAR = 'docker_parking-server_1.0.0.tar';
const TAR_GZ = 'docker_parking-server_1.0.0.tar.gz';
const KiB = 1024;
const MiB = 1024 * KiB;

function* pieces(content: Buffer, size: number) {
  for (let offset = 0; offset < content.length; offset += size) {
    yield content.subarray(offset, offset + size);
  }
}

describe('createImageInspector batching', () => {
  it.each([
    ['.tar', TAR, false],
    ['.tar.gz', TAR_GZ, true],
  ])(
    'passes a fast upload on in batches of up to 1 MiB, byte for byte (%s)',
    async (_, fileName, gzip) => {
      const content = createDockerSaveArchive({
        gzip,
        layers: 3,
        layerBytes: 2 * MiB,
      });
      const inspector = createImageInspector({
        fileName: parseImageFileName(fileName),
      });
      const out: Buffer[] = [];
      const [, result] = await Promise.all([
        pipeline(
          Readable.from(pieces(content, 64 * KiB)),
          inspector.stream,
          new Writable({
            write(chunk: Buffer, _encoding, callback) {
              out.push(chunk);
              callback();
            },
          }),
        ),
        inspector.result,
      ]);
      expect(Buffer.concat(out).equals(content)).toBe(true);
      expect(result.sha256).toBe(
        createHash('sha256').update(content).digest('hex'),
      );
      expect(Math.max(...out.map(c => c.length))).toBeLessThanOrEqual(
        INSPECTOR_BATCH_BYTES,
      );
      // ~100 pieces of 64 KiB went on as a handful of batches
      expect(out.length).toBeLessThanOrEqual(
        Math.ceil(content.length / INSPECTOR_BATCH_BYTES) + 2,
      );
    },
  );

  it('checks and passes on a piece in the turn it arrives, without waiting for a batch', async () => {
    const content = createDockerSaveArchive({ gzip: true });
    const inspector = createImageInspector({
      fileName: parseImageFileName(TAR_GZ),
    });
    let passedOn = 0;
    inspector.stream.on('data', (chunk: Buffer) => {
      passedOn += chunk.length;
    });
    inspector.stream.write(content.subarray(0, 100));
    await nextTurn();
    await nextTurn();
    expect(passedOn).toBe(100);
    inspector.stream.end(content.subarray(100));
    const result = await inspector.result;
    expect(passedOn).toBe(content.length);
    expect(result.sizeBytes).toBe(content.length);
  });

  it('stops taking the upload within a few MiB when the store does not read', async () => {
    const content = createDockerSaveArchive({
      gzip: true,
      layers: 2,
      layerBytes: 4 * MiB,
    });
    const inspector = createImageInspector({
      fileName: parseImageFileName(TAR_GZ),
    });
    // nobody reads inspector.stream: the store has stalled
    let accepted = 0;
    const count = (piece: Buffer) => () => {
      accepted += piece.length;
    };
    for (const piece of pieces(content, 64 * KiB)) {
      inspector.stream.write(piece, count(piece));
    }
    for (let i = 0; i < 50; i++) {
      await nextTurn();
    }
    // two batches waiting for the store, one being gathered, plus the
    // pieces of the last turn: the rest of the 8 MiB waits upstream
    expect(accepted).toBeGreaterThan(INSPECTOR_BATCH_BYTES);
    expect(accepted).toBeLessThan(5 * MiB);
    inspector.stream.destroy();
    await expect(inspector.result).rejects.toThrow();
  });
});
