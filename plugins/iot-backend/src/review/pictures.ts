import { crc32 } from '@internal/backstage-plugin-iot-common';
import { deflateSync } from 'node:zlib';

/** An RGB colour, 0-255 a channel. */
export type Rgb = [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A truecolour PNG of `width`×`height` pixels coloured by `pixel`: what the
 * demo seed lists with, and tests submit. Small, and real to any decoder.
 */
export function encodePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => Rgb,
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      rows.set(pixel(x, y), row + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A picture for the demo listings: a diagonal blend of two colours with a band across. */
export function demoPicture(
  width: number,
  height: number,
  from: Rgb,
  to: Rgb,
): Buffer {
  return encodePng(width, height, (x, y) => {
    const t = (x / width + y / height) / 2;
    const band = Math.abs(y - height / 2) < height / 10 ? 0.6 : 1;
    return from.map((channel, i) =>
      Math.round((channel + (to[i] - channel) * t) * band),
    ) as Rgb;
  });
}
