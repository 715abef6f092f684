import {
  checkListingImage,
  readJpegHeader,
  readPngHeader,
} from '@internal/backstage-plugin-iot-common';
import { inflateSync } from 'node:zlib';
import {
  encodeJpeg,
  largePng,
  sampleJpeg,
  samplePng,
} from './__testUtils__/pictures';
import { encodePng } from './pictures';
import { checkedImage } from './receiveSubmission';

describe('listing images, checked by content', () => {
  it('reads the dimensions of real PNGs and JPEGs', () => {
    expect(readPngHeader(samplePng(48, 20))).toEqual({
      format: 'png',
      width: 48,
      height: 20,
    });
    expect(readJpegHeader(sampleJpeg(40, 24))).toEqual({
      format: 'jpeg',
      width: 40,
      height: 24,
    });
  });

  it('writes PNGs any decoder reads: IDAT inflates to the scanlines', () => {
    const png = encodePng(2, 1, () => [1, 2, 3]);
    // signature 8 + IHDR 25, then the IDAT chunk
    const length = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    expect([...inflateSync(png.subarray(41, 41 + length))]).toEqual([
      0, 1, 2, 3, 1, 2, 3,
    ]);
  });

  it('accepts a PNG logo and PNG or JPEG showcase and intro images', () => {
    expect(checkListingImage('logo', { bytes: samplePng() })).toMatchObject({
      ok: true,
      format: 'png',
    });
    for (const field of ['showcaseImage', 'introImage'] as const) {
      expect(
        checkListingImage(field, { bytes: sampleJpeg(), fileName: 'shot.jpg' }),
      ).toMatchObject({ ok: true, format: 'jpeg', width: 32, height: 24 });
      expect(
        checkListingImage(field, { bytes: samplePng(), fileName: 'shot.PNG' }),
      ).toMatchObject({ ok: true, format: 'png' });
    }
  });

  it('refuses a JPEG logo, even named .png', () => {
    expect(
      checkListingImage('logo', { bytes: sampleJpeg(), fileName: 'logo.png' }),
    ).toEqual({
      ok: false,
      rule: 'format',
      status: 415,
      message: 'logo must be a PNG image; the content is JPEG (rule: format)',
    });
  });

  it('refuses a file whose name says another format than its content', () => {
    expect(
      checkListingImage('showcaseImage', {
        bytes: sampleJpeg(),
        fileName: 'showcase.png',
      }),
    ).toEqual({
      ok: false,
      rule: 'extension',
      status: 415,
      message:
        "showcase image 'showcase.png' is named as PNG but its content is JPEG; export it as PNG or rename it (rule: extension)",
    });
  });

  it('refuses text files and empty files', () => {
    expect(
      checkListingImage('introImage', {
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        fileName: 'intro.png',
      }),
    ).toMatchObject({
      ok: false,
      rule: 'format',
      message:
        'intro image must be a PNG or JPEG image; the content is neither PNG nor JPEG (rule: format)',
    });
    expect(checkListingImage('logo', { bytes: Buffer.alloc(0) })).toMatchObject(
      { ok: false, rule: 'format', message: expect.stringContaining('empty') },
    );
  });

  it.each([
    ['PNG signature only', () => samplePng().subarray(0, 8), 'IHDR header'],
    ['PNG cut in IDAT', () => samplePng().subarray(0, 60), 'truncated'],
    [
      'PNG without IEND',
      () => {
        const png = samplePng();
        return png.subarray(0, png.length - 12);
      },
      'ends before its IEND',
    ],
    [
      'PNG with a damaged byte',
      () => {
        const png = Buffer.from(samplePng());
        png[50] ^= 0xff;
        return png;
      },
      "chunk's checksum does not match",
    ],
    [
      'PNG with bytes after IEND',
      () => Buffer.concat([samplePng(), Buffer.from('<?php')]),
      'bytes follow the IEND chunk',
    ],
    ['JPEG start only', () => sampleJpeg().subarray(0, 3), 'truncated'],
    [
      'JPEG cut before its frame header',
      () => sampleJpeg().subarray(0, 40),
      'truncated',
    ],
    [
      'JPEG without end-of-image',
      () => {
        const jpeg = sampleJpeg();
        return jpeg.subarray(0, jpeg.length - 2);
      },
      'truncated',
    ],
  ])('refuses a %s as broken', (_name, bytes, problem) => {
    const check = checkListingImage('showcaseImage', { bytes: bytes() });
    expect(check).toMatchObject({ ok: false, rule: 'structure', status: 422 });
    expect(!check.ok && check.message).toContain(problem);
  });

  it('refuses images without pixels or larger than 4096 px a side', () => {
    expect(
      checkListingImage('showcaseImage', { bytes: encodeJpeg(0, 8, () => 0) }),
    ).toMatchObject({ ok: false, rule: 'dimensions' });
    expect(
      checkListingImage('showcaseImage', {
        bytes: encodeJpeg(4097, 8, () => 128),
      }),
    ).toMatchObject({
      ok: false,
      rule: 'dimensions',
      message:
        'showcase image must be at most 4096×4096 pixels; got 4097×8 (rule: dimensions)',
    });
  });

  it('refuses a 150 KB logo and a 1.2 MB showcase image, naming the rule and the size', () => {
    const logo = largePng(150 * 1024);
    expect(logo.length).toBeGreaterThan(150 * 1024);
    const check = checkListingImage('logo', { bytes: logo });
    expect(check).toMatchObject({ ok: false, rule: 'size', status: 413 });
    expect(!check.ok && check.message).toMatch(
      /^logo must be at most 100 KB \(102,400 bytes\); got 15\d(\.\d)? KB \([\d,]+ bytes\) \(rule: size\)$/,
    );
    expect(() =>
      checkedImage('showcaseImage', { bytes: largePng(1.2 * 1024 * 1024) }),
    ).toThrow(
      /^showcase image must be at most 1 MB \(1,048,576 bytes\); got 1\.2 MB/,
    );
  });

  it('gives checked images their hash', () => {
    const png = samplePng();
    expect(checkedImage('logo', { bytes: png })).toEqual({
      field: 'logo',
      format: 'png',
      width: 32,
      height: 32,
      sizeBytes: png.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      bytes: png,
    });
  });
});
