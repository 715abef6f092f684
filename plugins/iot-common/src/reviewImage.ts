import {
  LISTING_IMAGE_RULES,
  ListingImageField,
  ListingImageFormat,
  MAX_LISTING_IMAGE_SIDE,
} from './review';

/*
 * Listing images are judged by their bytes, not their names (SPEC-9): PNG
 * and JPEG are recognised by their signatures, walked chunk by chunk
 * (segment by segment) to the end, and their dimensions read from the
 * header. Nothing is decompressed. Isomorphic, so that the submission form
 * refuses a file before uploading it with the server's own words.
 */

/** Which rule a listing image broke, and the HTTP status the server answers with. */
export const LISTING_IMAGE_RULE_STATUS = {
  /** larger than the field allows */
  size: 413,
  /** not a PNG/JPEG, or a format the field does not take */
  format: 415,
  /** the file name's extension says another format than the content */
  extension: 415,
  /** cut short or corrupt */
  structure: 422,
  /** no, or too many, pixels */
  dimensions: 422,
} as const;
/** @public */
export type ListingImageRuleName = keyof typeof LISTING_IMAGE_RULE_STATUS;

/** What an image's bytes are. */
export type ListingImageHeader = {
  format: ListingImageFormat;
  width: number;
  height: number;
};

/** The outcome of checking one listing image. */
export type ListingImageCheck =
  | ({ ok: true; sizeBytes: number } & ListingImageHeader)
  | {
      ok: false;
      rule: ListingImageRuleName;
      status: (typeof LISTING_IMAGE_RULE_STATUS)[ListingImageRuleName];
      message: string;
    };

/** "150 KB (153,600 bytes)"; KB and MB of 1024, as the limits are. */
export function formatListingBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes >= 1024 * 1024) {
    return `${trimmed(bytes / (1024 * 1024))} MB (${exact})`;
  }
  if (bytes >= 1024) {
    return `${trimmed(bytes / 1024)} KB (${exact})`;
  }
  return exact;
}

function trimmed(value: number): string {
  return String(Math.round(value * 10) / 10);
}

const FORMAT_NAMES: Record<ListingImageFormat, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
};

/** Formats a file name's extension claims; undefined for other extensions. */
function formatOfFileName(fileName: string): ListingImageFormat | undefined {
  const extension = /\.([A-Za-z]+)$/.exec(fileName)?.[1].toLowerCase();
  if (extension === 'png') {
    return 'png';
  }
  if (extension === 'jpg' || extension === 'jpeg' || extension === 'jpe') {
    return 'jpeg';
  }
  return undefined;
}

/**
 * Checks a whole file for an image field of a submission: size, format by
 * content, agreement of the name's extension with the content, structure
 * to the last byte, and dimensions. `sizeBytes` (default: the bytes'
 * length) may exceed `bytes.length` when the caller kept only the start of
 * a file that is too large anyway; `sizeIsAtLeast` when it stopped
 * counting too.
 */
export function checkListingImage(
  field: ListingImageField,
  file: {
    bytes: Uint8Array;
    fileName?: string;
    sizeBytes?: number;
    sizeIsAtLeast?: boolean;
  },
): ListingImageCheck {
  const rule = LISTING_IMAGE_RULES[field];
  const sizeBytes = file.sizeBytes ?? file.bytes.length;
  const allowed = rule.formats.map(format => FORMAT_NAMES[format]).join(' or ');
  const refuse = (name: ListingImageRuleName, message: string) =>
    ({
      ok: false,
      rule: name,
      status: LISTING_IMAGE_RULE_STATUS[name],
      message: `${rule.label} ${message} (rule: ${name})`,
    } as const);

  if (sizeBytes > rule.maxBytes) {
    return refuse(
      'size',
      `must be at most ${formatListingBytes(rule.maxBytes)}; got ${
        file.sizeIsAtLeast ? 'more than ' : ''
      }${formatListingBytes(sizeBytes)}`,
    );
  }
  if (sizeBytes === 0) {
    return refuse('format', `must be a ${allowed} image; the file is empty`);
  }
  const format = sniffListingImageFormat(file.bytes);
  if (!format) {
    return refuse(
      'format',
      `must be a ${allowed} image; the content is neither PNG nor JPEG`,
    );
  }
  if (!rule.formats.includes(format)) {
    return refuse(
      'format',
      `must be a ${allowed} image; the content is ${FORMAT_NAMES[format]}`,
    );
  }
  const claimed = file.fileName ? formatOfFileName(file.fileName) : undefined;
  if (claimed && claimed !== format) {
    return refuse(
      'extension',
      `'${file.fileName}' is named as ${FORMAT_NAMES[claimed]} but its content is ${FORMAT_NAMES[format]}; export it as ${FORMAT_NAMES[claimed]} or rename it`,
    );
  }
  const parsed =
    format === 'png' ? readPngHeader(file.bytes) : readJpegHeader(file.bytes);
  if ('problem' in parsed) {
    return refuse(
      'structure',
      `is not a readable ${FORMAT_NAMES[format]}: ${parsed.problem}`,
    );
  }
  const { width, height } = parsed;
  if (width < 1 || height < 1) {
    return refuse('dimensions', `has no pixels (${width}×${height})`);
  }
  if (width > MAX_LISTING_IMAGE_SIDE || height > MAX_LISTING_IMAGE_SIDE) {
    return refuse(
      'dimensions',
      `must be at most ${MAX_LISTING_IMAGE_SIDE}×${MAX_LISTING_IMAGE_SIDE} pixels; got ${width}×${height}`,
    );
  }
  return { ok: true, format, width, height, sizeBytes };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format the bytes start like; undefined when neither. */
export function sniffListingImageFormat(
  bytes: Uint8Array,
): ListingImageFormat | undefined {
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return 'png';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  return undefined;
}

type Parsed = ListingImageHeader | { problem: string };

function uint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] << 24) >>> 0) +
    (bytes[offset + 1] << 16) +
    (bytes[offset + 2] << 8) +
    bytes[offset + 3]
  );
}

function uint16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 8) + bytes[offset + 1];
}

// valid bit depths per PNG colour type
const PNG_BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/**
 * A PNG's dimensions, after walking every chunk: IHDR first and valid,
 * each chunk complete with a matching CRC, at least one IDAT, IEND last.
 */
export function readPngHeader(bytes: Uint8Array): Parsed {
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return { problem: 'it does not start with the PNG signature' };
  }
  let offset = PNG_SIGNATURE.length;
  let header: ListingImageHeader | undefined;
  let sawData = false;
  for (let index = 0; ; index++) {
    if (offset + 8 > bytes.length) {
      return {
        problem: header
          ? 'the file ends before its IEND chunk (truncated)'
          : 'the file ends before its IHDR header (truncated)',
      };
    }
    const length = uint32(bytes, offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) {
      return { problem: `chunk ${index + 1} has no valid type` };
    }
    const end = offset + 8 + length + 4;
    if (length > 0x7fffffff || end > bytes.length) {
      return {
        problem: `the ${type} chunk runs past the end of the file (truncated)`,
      };
    }
    const crc = uint32(bytes, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) {
      return { problem: `the ${type} chunk's checksum does not match` };
    }
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) {
        return { problem: 'the first chunk is not a 13-byte IHDR header' };
      }
      const data = offset + 8;
      const depth = bytes[data + 8];
      const colourType = bytes[data + 9];
      if (!PNG_BIT_DEPTHS[colourType]?.includes(depth)) {
        return {
          problem: `bit depth ${depth} with colour type ${colourType} is not a valid combination`,
        };
      }
      if (
        bytes[data + 10] !== 0 ||
        bytes[data + 11] !== 0 ||
        bytes[data + 12] > 1
      ) {
        return {
          problem: 'unknown compression, filter or interlace method in IHDR',
        };
      }
      header = {
        format: 'png',
        width: uint32(bytes, data),
        height: uint32(bytes, data + 4),
      };
    } else if (type === 'IHDR') {
      return { problem: 'it has a second IHDR chunk' };
    }
    if (type === 'IDAT') {
      sawData = true;
    }
    offset = end;
    if (type === 'IEND') {
      if (!sawData) {
        return { problem: 'it has no IDAT (image data) chunk' };
      }
      if (offset !== bytes.length) {
        return {
          problem: `${bytes.length - offset} bytes follow the IEND chunk`,
        };
      }
      return header!;
    }
  }
}

/** Start-of-frame markers, which carry the dimensions (not DHT C4, JPG C8, DAC CC). */
function isStartOfFrame(marker: number): boolean {
  return (
    marker >= 0xc0 &&
    marker <= 0xcf &&
    marker !== 0xc4 &&
    marker !== 0xc8 &&
    marker !== 0xcc
  );
}

/**
 * A JPEG's dimensions, after walking its segments to the end-of-image
 * marker: a start-of-frame before the first scan, every segment complete,
 * scans ended by a marker, EOI last (only zero padding after it).
 */
export function readJpegHeader(bytes: Uint8Array): Parsed {
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8)) {
    return { problem: 'it does not start with the JPEG start-of-image marker' };
  }
  let header: ListingImageHeader | undefined;
  let offset = 2;
  for (;;) {
    if (offset + 2 > bytes.length) {
      return {
        problem: header
          ? 'the file ends before its end-of-image marker (truncated)'
          : 'the file ends before its frame header (truncated)',
      };
    }
    if (bytes[offset] !== 0xff) {
      return {
        problem: `expected a marker at byte ${offset}, found 0x${bytes[offset]
          .toString(16)
          .padStart(2, '0')}`,
      };
    }
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      // fill byte before a marker
      offset += 1;
      continue;
    }
    if (marker === 0xd9) {
      if (!header) {
        return { problem: 'it ends before any frame header' };
      }
      const rest = bytes.subarray(offset + 2);
      if (rest.some(byte => byte !== 0)) {
        return {
          problem: `${rest.length} bytes follow the end-of-image marker`,
        };
      }
      return header;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    if (offset + 4 > bytes.length) {
      return { problem: 'a segment header is cut short (truncated)' };
    }
    const length = uint16(bytes, offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) {
      return {
        problem: `the segment 0xFF${marker
          .toString(16)
          .toUpperCase()} runs past the end of the file (truncated)`,
      };
    }
    if (isStartOfFrame(marker)) {
      if (length < 8) {
        return { problem: 'its frame header is too short' };
      }
      header = {
        format: 'jpeg',
        height: uint16(bytes, offset + 5),
        width: uint16(bytes, offset + 7),
      };
    }
    offset = end;
    if (marker === 0xda) {
      if (!header) {
        return { problem: 'a scan starts before any frame header' };
      }
      // entropy-coded data: 0xFF is followed by 0x00 (stuffing) or a restart marker
      while (
        offset + 1 < bytes.length &&
        !(
          bytes[offset] === 0xff &&
          bytes[offset + 1] !== 0x00 &&
          !(bytes[offset + 1] >= 0xd0 && bytes[offset + 1] <= 0xd7)
        )
      ) {
        offset += 1;
      }
      if (offset + 1 >= bytes.length) {
        return {
          problem:
            'the image data ends without an end-of-image marker (truncated)',
        };
      }
    }
  }
}

let crcTable: Uint32Array | undefined;

/** CRC-32 as PNG chunks carry it (ISO 3309). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
