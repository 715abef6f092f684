import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImageFileName, parseImageFileName } from '../fileName';
import { createImageInspector, InspectionResult } from '../inspector';

/** What happened when a file went through the inspector into a store-like writer. */
export type InspectOutcome = {
  result?: InspectionResult;
  error?: Error;
  /** Bytes the writer downstream received. */
  written: number;
  /** Whether the writer downstream saw the end of the file (its final ran). */
  writerSawEnd: boolean;
};

/**
 * Pipes `content` (in `chunkSize` chunks) through an inspector into a writer,
 * as the upload service does, and reports what happened.
 */
export async function inspect(
  fileName: string | ImageFileName,
  content: Buffer,
  options: { maxBytes?: number; chunkSize?: number } = {},
): Promise<InspectOutcome> {
  const inspector = createImageInspector({
    fileName:
      typeof fileName === 'string' ? parseImageFileName(fileName) : fileName,
    maxBytes: options.maxBytes,
  });
  const chunkSize = options.chunkSize ?? 16 * 1024;
  let written = 0;
  let writerSawEnd = false;
  const writer = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      callback();
    },
    final(callback) {
      writerSawEnd = true;
      callback();
    },
  });
  const source = Readable.from(chunks(content, chunkSize));
  const [piped, inspected] = await Promise.allSettled([
    pipeline(source, inspector.stream, writer),
    inspector.result,
  ]);
  if (inspected.status === 'fulfilled') {
    if (piped.status === 'rejected') {
      throw piped.reason;
    }
    return { result: inspected.value, written, writerSawEnd };
  }
  return { error: inspected.reason, written, writerSawEnd };
}

function* chunks(content: Buffer, size: number) {
  for (let offset = 0; offset < content.length; offset += size) {
    yield content.subarray(offset, offset + size);
  }
}
