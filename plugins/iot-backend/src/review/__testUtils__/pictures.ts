import { randomBytes } from 'node:crypto';
import { demoPicture, encodePng, Rgb } from '../pictures';

/** Standard luminance DC Huffman table (ITU T.81, Annex K.3): code lengths, symbols. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Canonical Huffman codes of a table: symbol → [code, length]. */
function huffmanCodes(bits: number[], values: number[]) {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  bits.forEach((count, index) => {
    for (let i = 0; i < count; i++) {
      codes.set(values[k++], [code++, index + 1]);
    }
    code <<= 1;
  });
  return codes;
}

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private filled = 0;

  write(value: number, length: number) {
    for (let bit = length - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | ((value >> bit) & 1);
      this.filled += 1;
      if (this.filled === 8) {
        this.push();
      }
    }
  }

  finish(): number[] {
    while (this.filled !== 0) {
      this.write(1, 1); // pad with ones
    }
    return this.bytes;
  }

  private push() {
    this.bytes.push(this.current);
    if (this.current === 0xff) {
      this.bytes.push(0x00); // byte stuffing
    }
    this.current = 0;
    this.filled = 0;
  }
}

function segment(marker: number, data: number[]): number[] {
  const length = data.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...data];
}

/**
 * A real baseline greyscale JPEG: `width`×`height` pixels in 8×8 blocks of
 * one grey each (`grey(blockX, blockY)`, 0-255). Quantisation of 1 and only
 * DC coefficients keep the encoder small; any decoder reads the result.
 */
export function encodeJpeg(
  width: number,
  height: number,
  grey: (blockX: number, blockY: number) => number,
): Buffer {
  const dcCodes = huffmanCodes(DC_BITS, DC_VALUES);
  const bits = new BitWriter();
  let previous = 0;
  for (let by = 0; by < Math.ceil(height / 8); by++) {
    for (let bx = 0; bx < Math.ceil(width / 8); bx++) {
      // the DC coefficient of a flat block: 8 × (level − 128)
      const dc = 8 * (Math.round(grey(bx, by)) - 128);
      const diff = dc - previous;
      previous = dc;
      const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const [code, length] = dcCodes.get(size)!;
      bits.write(code, length);
      if (size > 0) {
        bits.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
      }
      bits.write(0, 1); // AC: end of block, the only symbol of our AC table
    }
  }
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...new Array(64).fill(1)]),
    ...segment(0xc0, [
      8,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      1,
      1,
      0x11,
      0,
    ]),
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    ...segment(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...bits.finish(),
    0xff,
    0xd9,
  ]);
}

/** A small valid PNG. */
export function samplePng(
  width = 32,
  height = 32,
  colour: Rgb = [200, 40, 40],
) {
  return demoPicture(width, height, colour, [255, 255, 255]);
}

/** A small valid JPEG. */
export function sampleJpeg(width = 32, height = 24) {
  return encodeJpeg(width, height, (x, y) => 40 + ((x * 37 + y * 91) % 180));
}

/**
 * A valid PNG of at least `bytes` bytes: random pixels do not compress.
 * Used for the size limits (a 150 KB logo).
 */
export function largePng(bytes: number): Buffer {
  const side = Math.ceil(Math.sqrt(bytes / 3)) + 1;
  const noise = randomBytes(side * side * 3);
  return encodePng(side, side, (x, y) => {
    const at = (y * side + x) * 3;
    return [noise[at], noise[at + 1], noise[at + 2]];
  });
}
