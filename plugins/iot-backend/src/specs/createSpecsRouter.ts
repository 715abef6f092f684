import { UserInfoService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  appParamsSchema,
  copySpecRequestSchema,
  createSpecRequestSchema,
  iotAppDeletePermission,
  iotAppReadPermission,
  iotAppUpdatePermission,
  MAX_SPEC_ARCHIVE_BYTES,
  updateSpecRequestSchema,
} from '@internal/backstage-plugin-iot-common';
import busboy from 'busboy';
import express from 'express';
import Router from 'express-promise-router';
import { Readable } from 'node:stream';
import { appEntityRef } from '../apps/appEntity';
import { AppsService } from '../apps/AppsService';
import { Authorizer } from '../http/authorizer';
import { RejectedError, sendGraphProblems } from '../http/errors';
import { parseInput } from '../http/validation';
import { SpecArchiveError } from './specArchive';
import { createSpecAccess } from './specAccess';
import { SpecsService } from './SpecsService';
import { SpecImportError, SpecTransferService } from './SpecTransferService';

/**
 * HTTP routes of specs (SPEC-1..6): under their app, and by spec id. The
 * rules live in the services. Changing a spec needs `iot.app.update`
 * (deleting one `iot.app.delete`) on the spec, whose owner is its app's.
 */
export function createSpecsRouter(options: {
  specs: Pick<
    SpecsService,
    | 'createSpec'
    | 'listSpecs'
    | 'getSpec'
    | 'updateSpec'
    | 'deleteSpec'
    | 'copySpec'
  >;
  transfer: Pick<SpecTransferService, 'exportSpec' | 'importSpec'>;
  apps: Pick<AppsService, 'getApp'>;
  authorizer: Authorizer;
  userInfo: UserInfoService;
}): express.Router {
  const { specs, transfer, apps, authorizer, userInfo } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  /** The app of the path, readable by the caller (else 404) and allowed `also` (else 403). */
  async function authorizedApp(
    req: express.Request,
    also: ResourcePermission[] = [],
  ) {
    const credentials = await authorizer.user(req);
    const { appId } = parseInput(appParamsSchema, req.params, 'path');
    await apps.getApp(appId);
    await authorizer.requireResource(credentials, appEntityRef(appId), {
      read: iotAppReadPermission,
      notFound: () => new NotFoundError(`no app with id ${appId}`),
      also,
    });
    const { userEntityRef } = await userInfo.getUserInfo(credentials);
    return { appId, userEntityRef };
  }

  const authorizedSpec = createSpecAccess({ specs, authorizer, userInfo });

  router.post('/apps/:appId/specs', async (req, res) => {
    const { appId, userEntityRef } = await authorizedApp(req, [
      iotAppUpdatePermission,
    ]);
    const body = parseInput(createSpecRequestSchema, req.body, 'body');
    res.status(201).json(await specs.createSpec(appId, body, userEntityRef));
  });

  router.get('/apps/:appId/specs', async (req, res) => {
    const { appId } = await authorizedApp(req);
    res.json(await specs.listSpecs(appId));
  });

  router.post('/apps/:appId/specs/import', async (req, res) => {
    const { appId, userEntityRef } = await authorizedApp(req, [
      iotAppUpdatePermission,
    ]);
    let spec;
    try {
      spec = await receiveArchive(req, archive =>
        transfer.importSpec(appId, archive, userEntityRef),
      );
    } catch (error) {
      if (error instanceof SpecImportError && error.problems.length > 0) {
        sendGraphProblems(req, res, {
          statusCode: error.status,
          name: 'UnprocessableEntityError',
          message: error.message,
          rule: error.rule,
          problems: error.problems,
        });
        return;
      }
      throw toHttpError(error);
    }
    res.status(201).json(spec);
  });

  router.get('/specs/:specId', async (req, res) => {
    const { specId } = await authorizedSpec(req);
    res.json(await specs.getSpec(specId));
  });

  router.patch('/specs/:specId', async (req, res) => {
    const { specId, userEntityRef } = await authorizedSpec(req, [
      iotAppUpdatePermission,
    ]);
    const changes = parseInput(updateSpecRequestSchema, req.body, 'body');
    res.json(await specs.updateSpec(specId, changes, userEntityRef));
  });

  router.delete('/specs/:specId', async (req, res) => {
    const { specId, userEntityRef } = await authorizedSpec(req, [
      iotAppDeletePermission,
    ]);
    await specs.deleteSpec(specId, userEntityRef);
    res.status(204).end();
  });

  router.post('/specs/:specId/copy', async (req, res) => {
    const { specId, userEntityRef } = await authorizedSpec(req, [
      iotAppUpdatePermission,
    ]);
    const body = parseInput(copySpecRequestSchema, req.body, 'body');
    res.status(201).json(await specs.copySpec(specId, body, userEntityRef));
  });

  router.get('/specs/:specId/export', async (req, res) => {
    const { specId } = await authorizedSpec(req);
    const { fileName, archive } = await transfer.exportSpec(specId);
    res
      .status(200)
      .type('application/zip')
      .set('Content-Disposition', `attachment; filename="${fileName}"`)
      .send(archive);
  });

  return router;
}

/** A refused archive as the HTTP error the backend should answer with. */
function toHttpError(error: unknown): unknown {
  if (error instanceof SpecArchiveError || error instanceof SpecImportError) {
    return error.status === 400
      ? new InputError(error.message)
      : new RejectedError(error.status, error.rule, error.message);
  }
  return error;
}

/**
 * Hands the multipart `file` field to `handle` as a stream; `handle` bounds
 * what it reads. On failure the rest of the request is drained, so that the
 * error can still be answered.
 */
function receiveArchive<T>(
  req: express.Request,
  handle: (archive: Readable) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          // one byte past the bound, so that the reader sees it broken
          fileSize: MAX_SPEC_ARCHIVE_BYTES + 1,
          // fields are not read; a few are tolerated
          fields: 4,
          fieldSize: 1024,
          parts: 5,
        },
      });
    } catch (error) {
      reject(
        new InputError(
          `the import must be multipart/form-data with the .zip in the field 'file'; ${
            (error as Error).message
          }`,
        ),
      );
      return;
    }

    let fileSeen = false;
    let settled = false;
    const settle = (error: unknown, value?: T) => {
      if (settled) {
        return;
      }
      settled = true;
      if (error) {
        req.unpipe(parser);
        req.resume();
        reject(error);
      } else {
        resolve(value!);
      }
    };

    parser.on('file', (name, stream) => {
      if (name !== 'file' || fileSeen) {
        stream.resume();
        return;
      }
      fileSeen = true;
      handle(stream).then(
        value => settle(undefined, value),
        error => {
          stream.resume();
          settle(error);
        },
      );
    });
    parser.on('close', () => {
      if (!fileSeen) {
        settle(
          new InputError(
            "the import has no file: send the .zip in the multipart field 'file'",
          ),
        );
      }
    });
    parser.on('error', error =>
      settle(
        new InputError(`malformed multipart body: ${(error as Error).message}`),
      ),
    );
    req.pipe(parser);
  });
}
