import { UserInfoService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  iotImageCreatePermission,
  iotImageDeletePermission,
  iotImageReadPermission,
  imageParamsSchema,
  imageVersionParamsSchema,
  listImagesQuerySchema,
  UploadedImage,
  uploadImageFieldsSchema,
} from '@internal/backstage-plugin-iot-common';
import busboy from 'busboy';
import express from 'express';
import Router from 'express-promise-router';
import { Readable } from 'node:stream';
import { z } from 'zod/v4';
import { Authorizer } from '../http/authorizer';
import { RejectedError } from '../http/errors';
import { parseInput } from '../http/validation';
import { imageEntityRef } from './imageEntity';
import { ImagesService, UploadOutcome } from './ImagesService';
import { isImageRuleError } from './ingest';

/** HTTP routes of image hosting (IMG-1..5); the rules live in the service. */
export function createImagesRouter(options: {
  images: Pick<
    ImagesService,
    'upload' | 'listImages' | 'getImage' | 'deleteVersion'
  > & { readonly maxImageBytes: number };
  authorizer: Authorizer;
  userInfo: UserInfoService;
}): express.Router {
  const { images, authorizer, userInfo } = options;
  const router = Router();

  router.post('/images', async (req, res) => {
    const credentials = await authorizer.user(req);
    await authorizer.require(credentials, iotImageCreatePermission);
    const uploader = await userInfo.getUserInfo(credentials);
    const outcome = await receiveFile(
      req,
      images.maxImageBytes,
      async (file, fileName, fields, signal) => {
        try {
          return await images.upload(file, fileName, {
            uploader,
            kindHint: fields.kind,
            ownerHint: fields.owner,
            signal,
          });
        } catch (error) {
          throw toHttpError(error);
        }
      },
    );
    res.status(outcome.created ? 201 : 200).json(toUploadedImage(outcome));
  });

  router.get('/images', async (req, res) => {
    const query = parseInput(listImagesQuerySchema, req.query, 'query');
    const credentials = await authorizer.user(req);
    const ownerFilter = await authorizer.readFilter(
      credentials,
      iotImageReadPermission,
    );
    res.json(await images.listImages({ ...query, ownerFilter }));
  });

  router.get('/images/:name', async (req, res) => {
    const { name } = parseInput(imageParamsSchema, req.params, 'path');
    const credentials = await authorizer.user(req);
    const image = await images.getImage(name);
    await authorizer.require(
      credentials,
      iotImageReadPermission,
      image.entityRef,
    );
    res.json(image);
  });

  router.delete('/images/:name/versions/:version', async (req, res) => {
    const { name, version } = parseInput(
      imageVersionParamsSchema,
      req.params,
      'path',
    );
    const credentials = await authorizer.user(req);
    // 404 before 403: image names are global (uploads name their owner)
    await images.getImage(name);
    await authorizer.require(
      credentials,
      iotImageDeletePermission,
      imageEntityRef(name),
    );
    const { userEntityRef } = await userInfo.getUserInfo(credentials);
    await images.deleteVersion(name, version, userEntityRef);
    res.status(204).end();
  });

  return router;
}

/** An image rule's refusal as the HTTP error the backend should answer with. */
function toHttpError(error: unknown): unknown {
  if (!isImageRuleError(error)) {
    return error;
  }
  if (error.status === 400) {
    return new InputError(error.message);
  }
  return new RejectedError(error.status, error.rule, error.message);
}

function toUploadedImage({ image, version }: UploadOutcome): UploadedImage {
  return {
    name: image.name,
    version: version.version,
    kind: image.kind,
    sizeBytes: version.sizeBytes,
    sha256: version.sha256 ?? '',
    status: version.status,
  };
}

type UploadFields = z.infer<typeof uploadImageFieldsSchema>;

/**
 * Streams the multipart `file` field into `handle` without buffering it.
 * Fields must come before the file. When the client goes away mid-upload,
 * the file stream is destroyed and `signal` aborted; on any failure the
 * rest of the request is drained so that the error can still be answered.
 */
function receiveFile<T>(
  req: express.Request,
  maxBytes: number,
  handle: (
    file: Readable,
    fileName: string,
    fields: UploadFields,
    signal: AbortSignal,
  ) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          // one byte past the bound, so that the inspector sees it broken
          fileSize: maxBytes + 1,
          fields: 2,
          fieldSize: 1024,
          parts: 3,
        },
      });
    } catch (error) {
      reject(
        new InputError(
          `the upload must be multipart/form-data with the image in the field 'file'; ${
            (error as Error).message
          }`,
        ),
      );
      return;
    }

    const aborted = new AbortController();
    const fields: Record<string, string> = {};
    let fileSeen = false;
    let settled = false;
    let malformed: Error | undefined;

    const settle = (error: unknown, value?: T) => {
      if (settled) {
        return;
      }
      settled = true;
      if (error) {
        req.unpipe(parser);
        req.resume();
        reject(
          malformed && !isImageRuleError(error)
            ? new InputError(`malformed multipart body: ${malformed.message}`)
            : error,
        );
      } else {
        resolve(value!);
      }
    };
    // Ends the upload in progress: its pipeline fails, the service records
    // the version as aborted and `handle` settles.
    const abort = (error: Error) => {
      aborted.abort(error);
      parser.destroy(error);
      if (!fileSeen) {
        settle(error);
      }
    };
    const onClose = () => {
      if (!settled && !req.complete) {
        abort(
          new Error('the client closed the connection before the upload ended'),
        );
      }
    };

    parser.on('field', (name, value, info) => {
      if (fileSeen) {
        return;
      }
      if (info.valueTruncated) {
        settle(new InputError(`the form field '${name}' is too long`));
        return;
      }
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || fileSeen || settled) {
        stream.resume();
        return;
      }
      fileSeen = true;
      const parsed = uploadImageFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        stream.resume();
        settle(
          new InputError(
            `invalid form fields: ${parsed.error.issues
              .map(issue => `${issue.path.join('.')}: ${issue.message}`)
              .join('; ')}`,
          ),
        );
        return;
      }
      handle(stream, info.filename ?? '', parsed.data, aborted.signal).then(
        value => settle(undefined, value),
        error => settle(error),
      );
    });
    parser.on('close', () => {
      if (!fileSeen) {
        settle(
          new InputError(
            "the upload has no file: send the image in the multipart field 'file'",
          ),
        );
      }
    });
    // A body that ends mid-file (e.g. cut by a proxy) counts as an abort.
    parser.on('error', error => {
      if (!aborted.signal.aborted) {
        malformed = error as Error;
        abort(malformed);
      }
    });
    req.on('close', onClose);
    req.pipe(parser);
  });
}
