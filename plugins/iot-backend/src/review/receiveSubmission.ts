import { InputError } from '@backstage/errors';
import {
  checkListingImage,
  LISTING_IMAGE_FIELDS,
  LISTING_IMAGE_RULES,
  ListingImageField,
  MAX_SUBMITTED_SPECS,
} from '@internal/backstage-plugin-iot-common';
import busboy from 'busboy';
import express from 'express';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { RejectedError } from '../http/errors';
import { CheckedImage } from './ReviewsService';

/**
 * Bytes of one image part counted (not kept) past its limit, so that a
 * refusal can say how large the file was; past this, "more than".
 */
const MAX_COUNTED_BYTES = 16 * 1024 * 1024;

const TEXT_FIELDS = ['listingName', 'summary', 'specIds'];

/** The parts of a submission: text fields as sent, and the images that passed their checks. */
export type ReceivedSubmission = {
  fields: Record<string, string[]>;
  images: Partial<Record<ListingImageField, CheckedImage>>;
};

/**
 * Reads the multipart body of `POST /apps/{appId}/submissions`. Each image
 * is streamed into memory only up to its field's limit (100 KB or 1 MB)
 * and then counted, and is checked by content when it ends; the first
 * refusal answers at once (413, 415 or 422 naming the rule) and the rest
 * of the body is drained.
 */
export function receiveSubmission(
  req: express.Request,
): Promise<ReceivedSubmission> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: LISTING_IMAGE_FIELDS.length,
          fileSize: MAX_COUNTED_BYTES,
          fields: 2 + MAX_SUBMITTED_SPECS,
          fieldSize: 4096,
          parts: LISTING_IMAGE_FIELDS.length + 2 + MAX_SUBMITTED_SPECS,
        },
      });
    } catch (error) {
      reject(
        new InputError(
          `a submission must be multipart/form-data with the fields ${TEXT_FIELDS.join(
            ', ',
          )} and the files ${LISTING_IMAGE_FIELDS.join(', ')}; ${
            (error as Error).message
          }`,
        ),
      );
      return;
    }

    const fields: Record<string, string[]> = {};
    const images: ReceivedSubmission['images'] = {};
    const reading = new Set<string>();
    let parsed = false;
    let settled = false;

    const fail = (error: Error) => {
      if (settled) {
        return;
      }
      settled = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    const finishIfDone = () => {
      if (parsed && reading.size === 0 && !settled) {
        settled = true;
        resolve({ fields, images });
      }
    };

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        fail(new InputError(`the form field '${name}' is too long`));
        return;
      }
      fields[name] = [...(fields[name] ?? []), value];
    });
    parser.on('file', (name, stream, info) => {
      const field = LISTING_IMAGE_FIELDS.find(known => known === name);
      if (!field || images[field] || reading.has(field)) {
        stream.resume();
        fail(
          new InputError(
            field
              ? `the file field '${name}' is sent twice`
              : `unknown file field '${name}'; send the images as ${LISTING_IMAGE_FIELDS.join(
                  ', ',
                )}`,
          ),
        );
        return;
      }
      reading.add(field);
      readImage(field, stream, info.filename).then(
        image => {
          reading.delete(field);
          images[field] = image;
          finishIfDone();
        },
        error => fail(error),
      );
    });
    parser.on('filesLimit', () =>
      fail(
        new InputError(
          `a submission has at most ${
            LISTING_IMAGE_FIELDS.length
          } files: ${LISTING_IMAGE_FIELDS.join(', ')}`,
        ),
      ),
    );
    for (const limit of ['fieldsLimit', 'partsLimit'] as const) {
      parser.on(limit, () =>
        fail(
          new InputError(
            `a submission has at most ${MAX_SUBMITTED_SPECS} specIds besides listingName and summary`,
          ),
        ),
      );
    }
    parser.on('close', () => {
      parsed = true;
      finishIfDone();
    });
    parser.on('error', error =>
      fail(
        new InputError(`malformed multipart body: ${(error as Error).message}`),
      ),
    );
    req.pipe(parser);
  });
}

/**
 * One image part: kept up to its field's limit plus one byte, counted
 * beyond, then checked by content (checkListingImage).
 */
function readImage(
  field: ListingImageField,
  stream: Readable & { truncated?: boolean },
  fileName: string | undefined,
): Promise<CheckedImage> {
  const { maxBytes } = LISTING_IMAGE_RULES[field];
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let sizeBytes = 0;
    stream.on('data', (chunk: Buffer) => {
      sizeBytes += chunk.length;
      if (kept <= maxBytes) {
        chunks.push(chunk);
        kept += chunk.length;
      }
    });
    stream.on('error', reject);
    stream.on('end', () => {
      try {
        resolve(
          checkedImage(field, {
            bytes: Buffer.concat(chunks),
            fileName,
            sizeBytes,
            sizeIsAtLeast: stream.truncated === true,
          }),
        );
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * The image for a field of a submission, checked by content
 * (checkListingImage); a RejectedError (413, 415 or 422) naming the rule
 * otherwise.
 */
export function checkedImage(
  field: ListingImageField,
  file: Parameters<typeof checkListingImage>[1] & { bytes: Buffer },
): CheckedImage {
  const check = checkListingImage(field, file);
  if (!check.ok) {
    throw new RejectedError(check.status, check.rule, check.message);
  }
  return {
    field,
    format: check.format,
    width: check.width,
    height: check.height,
    sizeBytes: check.sizeBytes,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    bytes: file.bytes,
  };
}

/** The text fields as the submission schema takes them: `specIds` as a list, repeated or comma-separated. */
export function submissionFieldsOf(
  fields: Record<string, string[]>,
): Record<string, unknown> {
  const { specIds = [], ...rest } = fields;
  return {
    ...Object.fromEntries(
      Object.entries(rest).map(([name, values]) => [
        name,
        values.length === 1 ? values[0] : values,
      ]),
    ),
    specIds: specIds
      .flatMap(value => value.split(','))
      .map(value => value.trim())
      .filter(value => value !== ''),
  };
}
