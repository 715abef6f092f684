function errorResponse(description: string) {
  return {
    description,
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/Error' },
      },
    },
  };
}

/**
 * OpenAPI description of the iot backend, served at `GET /openapi.json`.
 * Keep `paths` in step with the router; a test compares the two.
 */
export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'iot',
    version: '0.1.0',
    description:
      'Backend of the IoT portal: images, apps, specs, reviews, marketplace, deployments and devices.',
  },
  servers: [
    {
      url: '/api/iot',
      description: 'Path of the plugin on the Backstage backend',
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Backstage user or service token',
      },
    },
    schemas: {
      HealthStatus: {
        type: 'object',
        required: ['status', 'database'],
        properties: {
          status: { type: 'string', enum: ['ok'] },
          database: {
            type: 'object',
            required: ['client', 'migrations'],
            properties: {
              client: {
                type: 'string',
                description: 'sqlite or pg',
                example: 'pg',
              },
              migrations: {
                type: 'integer',
                minimum: 0,
                description: 'Number of applied migrations of the plugin',
              },
            },
          },
        },
      },
      UploadedImage: {
        type: 'object',
        required: ['name', 'version', 'kind', 'sizeBytes', 'sha256', 'status'],
        properties: {
          name: { type: 'string', example: 'parking-server' },
          version: { type: 'string', example: '1.4.2' },
          kind: { type: 'string', enum: ['docker', 'vm'] },
          sizeBytes: { type: 'integer', minimum: 0 },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          status: { type: 'string', enum: ['succeeded'] },
        },
      },
      ImageVersionUsage: {
        type: 'object',
        required: ['app', 'appTitle', 'spec'],
        properties: {
          app: {
            type: 'string',
            description: 'Entity ref of the IotApp',
            example: 'iotapp:default/smart-parking',
          },
          appTitle: { type: 'string', example: 'Smart Parking' },
          spec: {
            type: 'string',
            description: 'Entity ref of the IotSpec that deploys the version',
          },
        },
      },
      ImageVersion: {
        type: 'object',
        required: ['version', 'status', 'sizeBytes', 'uploadedAt', 'usedBy'],
        properties: {
          version: { type: 'string' },
          status: {
            type: 'string',
            enum: ['uploading', 'succeeded', 'failed'],
          },
          sizeBytes: {
            type: 'integer',
            minimum: 0,
            description: 'Stored bytes; 0 unless the upload succeeded',
          },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          uploadedAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the upload started',
          },
          failureReason: {
            type: 'string',
            description: 'Why the upload failed, naming the rule',
          },
          usedBy: {
            type: 'array',
            items: { $ref: '#/components/schemas/ImageVersionUsage' },
          },
        },
      },
      Image: {
        type: 'object',
        required: [
          'name',
          'kind',
          'owner',
          'entityRef',
          'latestVersion',
          'totalSizeBytes',
          'updatedAt',
          'versions',
        ],
        properties: {
          name: { type: 'string' },
          kind: { type: 'string', enum: ['docker', 'vm'] },
          owner: {
            type: 'string',
            description: 'Entity ref of the owning ISV group',
          },
          entityRef: {
            type: 'string',
            example: 'iotimage:default/parking-server',
          },
          latestVersion: {
            type: 'string',
            nullable: true,
            description: 'Newest succeeded version',
          },
          totalSizeBytes: {
            type: 'integer',
            minimum: 0,
            description: 'Bytes of all succeeded versions',
          },
          updatedAt: { type: 'string', format: 'date-time' },
          versions: {
            type: 'array',
            description:
              'Newest first; with a status filter only the versions in that status',
            items: { $ref: '#/components/schemas/ImageVersion' },
          },
        },
      },
      ImageList: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: {
            type: 'array',
            items: { $ref: '#/components/schemas/Image' },
          },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Pass as cursor for the next page; null on the last',
          },
        },
      },
      Error: {
        type: 'object',
        description: 'Backstage error body',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
  security: [{ JWT: [] }],
  paths: {
    '/catalog/entities': {
      get: {
        operationId: 'getCatalogEntities',
        summary:
          'Every entity the iot database owns, for the catalog entity provider (service tokens only)',
        responses: {
          '200': {
            description: 'The entities; changes follow as iot.catalog events',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['entities'],
                  properties: {
                    entities: { type: 'array', items: { type: 'object' } },
                  },
                },
              },
            },
          },
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Not a service token'),
        },
      },
    },
    '/images': {
      post: {
        operationId: 'uploadImage',
        summary: 'Stream, validate and store one image version (IMG-1, IMG-2)',
        description:
          'The file name gives kind, name and version: docker_{name}_{version}.tar or .tar.gz, ' +
          'vm_{name}_{version}.qcow2|vmdk|vhd|img|raw|iso. Upload and decompressed size are bounded ' +
          'by 2 GiB. Send the optional fields before the file: it is streamed, so later fields arrive too late.',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  kind: {
                    type: 'string',
                    enum: ['docker', 'vm'],
                    description: "Must match the file name's kind",
                  },
                  owner: {
                    type: 'string',
                    description:
                      'Owning ISV group ref, when the uploader is in several',
                  },
                  file: { type: 'string', format: 'binary' },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Stored',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/UploadedImage' },
              },
            },
          },
          '200': {
            description:
              'The same bytes were already stored under this name and version',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/UploadedImage' },
              },
            },
          },
          '400': errorResponse('Bad file name or form'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse(
            'Missing iot.image.create, or not in an ISV group',
          ),
          '409': errorResponse(
            'Name owned by another group, or the version exists with other content',
          ),
          '413': errorResponse('Upload or decompressed content over the limit'),
          '415': errorResponse('Not a tar/gzip (docker) or a known VM format'),
          '422': errorResponse(
            'Broken archive, not a docker save archive, or unsafe paths',
          ),
        },
      },
      get: {
        operationId: 'listImages',
        summary:
          'Images the caller may read, with versions and their users (IMG-3, IMG-4)',
        parameters: [
          {
            name: 'name',
            in: 'query',
            schema: { type: 'string', maxLength: 63 },
            description: 'Part of the image name',
          },
          {
            name: 'status',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['uploading', 'succeeded', 'failed'],
            },
            description: 'Only images with a version in this upload status',
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'One page, ordered by name',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ImageList' },
              },
            },
          },
          '400': errorResponse('Invalid query'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.image.read'),
        },
      },
    },
    '/images/{name}': {
      get: {
        operationId: 'getImage',
        summary: 'One image with its versions',
        parameters: [
          {
            name: 'name',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'The image',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Image' },
              },
            },
          },
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.image.read on the image'),
          '404': errorResponse('No such image'),
        },
      },
    },
    '/images/{name}/versions/{version}': {
      delete: {
        operationId: 'deleteImageVersion',
        summary: 'Delete one version, and the image with its last (IMG-5)',
        parameters: [
          {
            name: 'name',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
          {
            name: 'version',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '204': { description: 'Deleted' },
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.image.delete on the image'),
          '404': errorResponse('No such image or version'),
          '409': errorResponse(
            'A spec uses the version (the message names the apps), or it is still uploading',
          ),
        },
      },
    },
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness of the plugin and its database',
        security: [],
        responses: {
          '200': {
            description: 'The database answers',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/HealthStatus' },
              },
            },
          },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        responses: {
          '200': {
            description: 'OpenAPI 3.0 document',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          '401': errorResponse('No valid Backstage token'),
        },
      },
    },
  },
};
