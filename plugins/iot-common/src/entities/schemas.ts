import {
  DEPLOY_LOCATIONS,
  IMAGE_KINDS,
  IMAGE_UPLOAD_STATUSES,
  IOT_API_VERSION,
  SPEC_TYPES,
} from './constants';

// JSON schemas in the catalog's own format: `$ref: 'Entity'` pulls in the
// envelope and metadata rules of @backstage/catalog-model.

const owner = {
  type: 'string',
  minLength: 1,
  description: 'Entity ref of the owning group, e.g. "group:default/isv-acme".',
};

/** JSON schema of the IotApp kind. */
export const iotAppSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'IotAppV1alpha1',
  description:
    'An IoT application of an ISV, listed on the marketplace once approved.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [IOT_API_VERSION] },
        kind: { enum: ['IotApp'] },
        spec: {
          type: 'object',
          required: ['owner', 'industry', 'scenario'],
          additionalProperties: false,
          properties: {
            owner,
            industry: { type: 'string', minLength: 1, maxLength: 64 },
            scenario: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
      },
    },
  ],
} as const;

/** JSON schema of the IotSpec kind. */
export const iotSpecSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'IotSpecV1alpha1',
  description:
    'A deployment spec of an IoT app: what gets deployed, and where.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [IOT_API_VERSION] },
        kind: { enum: ['IotSpec'] },
        spec: {
          type: 'object',
          required: ['owner', 'app', 'type', 'deployLocation', 'allowTrial'],
          additionalProperties: false,
          properties: {
            owner,
            app: {
              type: 'string',
              minLength: 1,
              description:
                'Entity ref of the IotApp, e.g. "iotapp:default/smart-parking".',
            },
            type: { enum: [...SPEC_TYPES] },
            deployLocation: { enum: [...DEPLOY_LOCATIONS] },
            allowTrial: { type: 'boolean' },
            images: {
              type: 'array',
              items: {
                type: 'object',
                required: ['image', 'version'],
                additionalProperties: false,
                properties: {
                  image: { type: 'string', minLength: 1 },
                  version: { type: 'string', minLength: 1 },
                },
              },
            },
          },
        },
      },
    },
  ],
} as const;

/** JSON schema of the IotImage kind. */
export const iotImageSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  $id: 'IotImageV1alpha1',
  description: 'A Docker or VM image uploaded by an ISV, with its versions.',
  allOf: [
    { $ref: 'Entity' },
    {
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: { enum: [IOT_API_VERSION] },
        kind: { enum: ['IotImage'] },
        spec: {
          type: 'object',
          required: ['owner', 'imageKind', 'versions'],
          additionalProperties: false,
          properties: {
            owner,
            imageKind: { enum: [...IMAGE_KINDS] },
            versions: {
              type: 'array',
              items: {
                type: 'object',
                required: ['version', 'status', 'sizeBytes', 'uploadedAt'],
                additionalProperties: false,
                properties: {
                  version: { type: 'string', minLength: 1, maxLength: 64 },
                  status: { enum: [...IMAGE_UPLOAD_STATUSES] },
                  sizeBytes: { type: 'integer', minimum: 0 },
                  uploadedAt: {
                    type: 'string',
                    // ISO 8601 date-time (the catalog's ajv has no formats)
                    pattern:
                      '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
                  },
                  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                },
              },
            },
          },
        },
      },
    },
  ],
} as const;
