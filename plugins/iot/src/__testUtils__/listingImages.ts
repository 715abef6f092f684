import { crc32 } from '@internal/backstage-plugin-iot-common';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = new Uint8Array(4 + data.length);
  typed.set([...type].map(c => c.charCodeAt(0)));
  typed.set(data, 4);
  const out = new Uint8Array(4 + typed.length + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typed, 4);
  view.setUint32(4 + typed.length, crc32(typed));
  return out;
}

/**
 * The bytes of a PNG of `width`×`height` as checkListingImage reads it
 * (signature, IHDR, one IDAT, IEND with right CRCs), padded to `size`
 * bytes with an extra IDAT when given.
 */
export function pngBytes(width: number, height: number, size = 0): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8;
  header[9] = 2;
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk(
      'IDAT',
      new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
    ),
  ];
  const used = parts.reduce((n, p) => n + p.length, 0) + 12;
  if (size > used + 12) {
    parts.push(chunk('IDAT', new Uint8Array(size - used - 12)));
  }
  parts.push(chunk('IEND', new Uint8Array(0)));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** A PNG file for the listing image pickers. */
export function pngFile(
  name: string,
  width = 128,
  height = 128,
  size = 0,
): File {
  return new File([pngBytes(width, height, size)], name, { type: 'image/png' });
}
