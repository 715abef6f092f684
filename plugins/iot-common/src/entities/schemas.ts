import {
  DEPLOY_LOCATIONS,
  IMAGE_KINDS,
  IMAGE_UPLOAD_STATUSES,
  IOT_API_VERSION,
  SPEC_TYPES,
} from './constants';

/**
 * A kind's JSON schema in the catalog's own format: `$ref: 'Entity'` pulls
 * in the envelope and metadata rules of @backstage/catalog-model; ours adds
 * the apiVersion, the kind and a closed `spec` object.
 */
function kindSchema<K extends string, S extends object>(options: {
  kind: K;
  description: string;
  required: readonly string[];
  properties: S;
}) {
  return {
    $schema: 'http://json-schema.org/draft-07/schema',
    $id: `${options.kind}V1alpha1`,
    description: options.description,
    allOf: [
      { $ref: 'Entity' },
      {
        type: 'object',
        required: ['spec'],
        properties: {
          apiVersion: { enum: [IOT_API_VERSION] },
          kind: { enum: [options.kind] },
          spec: {
            type: 'object',
            required: options.required,
            additionalProperties: false,
            properties: options.properties,
          },
        },
      },
    ],
  } as const;
}

const owner = {
  type: 'string',
  minLength: 1,
  description: 'Entity ref of the owning group, e.g. "group:default/isv-acme".',
};

/** JSON schema of the IotApp kind. */
export const iotAppSchema = kindSchema({
  kind: 'IotApp',
  description:
    'An IoT application of an ISV, listed on the marketplace once approved.',
  required: ['owner', 'industry', 'scenario'],
  properties: {
    owner,
    industry: { type: 'string', minLength: 1, maxLength: 64 },
    scenario: { type: 'string', minLength: 1, maxLength: 64 },
    listedSpecs: {
      type: 'array',
      description:
        'Entity refs of the IotSpecs on the marketplace, while the app is listed.',
      items: { type: 'string', minLength: 1 },
    },
  },
});

/** JSON schema of the IotSpec kind. */
export const iotSpecSchema = kindSchema({
  kind: 'IotSpec',
  description:
    'A deployment spec of an IoT app: what gets deployed, and where.',
  required: ['owner', 'app', 'type', 'deployLocation', 'allowTrial'],
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
});

/** JSON schema of the IotImage kind. */
export const iotImageSchema = kindSchema({
  kind: 'IotImage',
  description: 'A Docker or VM image uploaded by an ISV, with its versions.',
  required: ['owner', 'imageKind', 'versions'],
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
});
