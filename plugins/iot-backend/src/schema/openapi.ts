import {
  LISTING_ACTIONS,
  LISTING_IMAGE_FIELDS,
  LISTING_STATES,
  REVIEW_DECISIONS,
} from '@internal/backstage-plugin-iot-common';

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

function jsonResponse(description: string, schemaName: string) {
  return {
    description,
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${schemaName}` },
      },
    },
  };
}

function jsonBody(schemaName: string) {
  return {
    required: true,
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${schemaName}` },
      },
    },
  };
}

const instanceIdParameter = {
  name: 'instanceId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^inst-[a-z0-9]{20}$' },
};

function idParameter(name: 'appId' | 'specId') {
  return {
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
  };
}

function specGraphProblemsResponse(description: string) {
  return {
    description,
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/SpecGraphProblemsError' },
      },
    },
  };
}

function download(description: string, mediaType: string) {
  return {
    description,
    content: { [mediaType]: { schema: { type: 'string' } } },
  };
}

const graphETag = {
  description:
    'Strong entity tag of the graph (a hash of its content); send it back in If-Match',
  schema: { type: 'string' },
};

const reviewIdParameter = {
  name: 'reviewId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^rev-[a-z0-9]{20}$' },
};
const listingStates = [...LISTING_STATES];
const listingActions = [...LISTING_ACTIONS];
const listingImageFields = [...LISTING_IMAGE_FIELDS];
/** `limit` and `cursor` of a paged list. */
const pageParameters = [
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  { name: 'cursor', in: 'query', schema: { type: 'string' } },
];
/** 200 with one page `{ items, nextCursor }` of `schemaName`. */
function pageResponse(schemaName: string) {
  return {
    description: 'One page',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['items', 'nextCursor'],
          properties: {
            items: {
              type: 'array',
              items: { $ref: `#/components/schemas/${schemaName}` },
            },
            nextCursor: { type: 'string', nullable: true },
          },
        },
      },
    },
  };
}
const reviewFieldDescription =
  'listingName, summary, logo, showcaseImage, introImage, specs, or spec:<spec id>';

const label = { type: 'string', description: 'English label' };
const labelZh = {
  type: 'string',
  description: 'Chinese label; the English one when absent',
};
const timestamp = { type: 'string', format: 'date-time' };
const specFields = {
  type: { type: 'string', enum: ['general', 'custom', 'experience'] },
  deployLocation: {
    type: 'string',
    enum: ['public-cloud', 'edge-site', 'private-cloud'],
  },
  name: { type: 'string', minLength: 1, maxLength: 64 },
  description: { type: 'string', minLength: 1, maxLength: 300 },
  allowTrial: {
    type: 'boolean',
    description: 'Whether SIs may start a 7-day trial',
  },
};
const appFields = {
  name: { type: 'string', minLength: 1, maxLength: 64 },
  industry: {
    type: 'string',
    description: 'An industry id of GET /app-taxonomy',
    example: 'smart-city',
  },
  scenario: {
    type: 'string',
    description: 'A scenario id of that industry',
    example: 'parking',
  },
  description: { type: 'string', maxLength: 1024 },
};

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
      Industry: {
        type: 'object',
        required: ['id', 'label', 'scenarios'],
        properties: {
          id: { type: 'string', example: 'smart-city' },
          label,
          labelZh,
          scenarios: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'label'],
              properties: { id: { type: 'string' }, label, labelZh },
            },
          },
        },
      },
      AppTaxonomy: {
        type: 'object',
        required: ['industries'],
        properties: {
          industries: {
            type: 'array',
            items: { $ref: '#/components/schemas/Industry' },
          },
        },
      },
      CreateAppRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'industry', 'scenario'],
        properties: {
          ...appFields,
          owner: {
            type: 'string',
            description: 'Owning ISV group ref, when the caller is in several',
          },
        },
      },
      UpdateAppRequest: {
        type: 'object',
        additionalProperties: false,
        properties: appFields,
      },
      App: {
        type: 'object',
        required: [
          'id',
          'name',
          'industry',
          'scenario',
          'description',
          'reviewStatus',
          'owner',
          'entityRef',
          'specCount',
          'listedSpecIds',
          'createdBy',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          id: {
            type: 'string',
            description: 'Derived from the name; also the IotApp entity name',
            example: 'smart-parking',
          },
          ...appFields,
          reviewStatus: {
            type: 'string',
            enum: ['draft', 'in-review', 'approved', 'rejected', 'unlisted'],
          },
          owner: {
            type: 'string',
            description: 'Entity ref of the owning ISV group',
          },
          entityRef: {
            type: 'string',
            example: 'iotapp:default/smart-parking',
          },
          specCount: { type: 'integer', minimum: 0 },
          listedSpecIds: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Ids of the specs on the marketplace (REV-2); empty until approved',
          },
          createdBy: {
            type: 'string',
            description: 'Entity ref of the creator',
          },
          createdAt: timestamp,
          updatedAt: timestamp,
        },
      },
      AppList: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/App' } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Pass as cursor for the next page; null on the last',
          },
        },
      },
      CreateSpecRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'deployLocation', 'name', 'description'],
        properties: specFields,
      },
      UpdateSpecRequest: {
        type: 'object',
        additionalProperties: false,
        properties: specFields,
      },
      CopySpecRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          name: {
            ...specFields.name,
            description: 'Name of the copy; default "<name> (copy)"',
          },
        },
      },
      SpecImage: {
        type: 'object',
        required: ['name', 'version'],
        properties: {
          name: { type: 'string', example: 'parking-server' },
          version: { type: 'string', example: '1.4.2' },
        },
      },
      Spec: {
        type: 'object',
        required: [
          'id',
          'appId',
          'name',
          'type',
          'deployLocation',
          'description',
          'allowTrial',
          'images',
          'owner',
          'entityRef',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          id: {
            type: 'string',
            description:
              'Derived from the app id and the name; also the IotSpec entity name',
            example: 'smart-parking-standard',
          },
          appId: { type: 'string' },
          ...specFields,
          images: {
            type: 'array',
            description: 'Image versions the dependency graph deploys',
            items: { $ref: '#/components/schemas/SpecImage' },
          },
          owner: { type: 'string', description: "The app's owning group" },
          entityRef: { type: 'string' },
          createdAt: timestamp,
          updatedAt: timestamp,
          passedDeploymentTest: {
            type: 'boolean',
            description:
              'A deployment test of the current graph reached running (SPEC-8; required by SPEC-9)',
          },
          lastDeploymentTest: {
            allOf: [{ $ref: '#/components/schemas/DeploymentTestSummary' }],
            nullable: true,
            description: 'The latest deployment test; null before the first',
          },
        },
      },
      DeploymentTestSummary: {
        type: 'object',
        required: ['instanceId', 'status', 'at'],
        properties: {
          instanceId: { type: 'string' },
          status: {
            type: 'string',
            enum: ['installing', 'running', 'failed'],
            description:
              'How far the test install got; a later uninstall does not change it',
          },
          at: timestamp,
        },
      },
      InstanceError: {
        type: 'object',
        required: ['nodeId', 'message'],
        properties: {
          nodeId: {
            type: 'string',
            nullable: true,
            description: 'The node whose resource failed',
          },
          message: { type: 'string' },
        },
      },
      InstanceSummary: {
        type: 'object',
        required: [
          'id',
          'specId',
          'kind',
          'status',
          'operation',
          'owner',
          'createdBy',
          'error',
          'installResult',
          'installFinishedAt',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          id: { type: 'string', example: 'inst-3k9x0q2m7b1c5d8e4f6a' },
          specId: { type: 'string' },
          kind: { type: 'string', enum: ['test', 'trial', 'purchase'] },
          status: {
            type: 'string',
            enum: [
              'pending',
              'installing',
              'running',
              'failed',
              'uninstalling',
              'deleted',
            ],
          },
          operation: {
            type: 'string',
            enum: ['install', 'rollback', 'uninstall'],
            description:
              'What the engine is doing or last did; rollback while a failed install is undone (status installing)',
          },
          owner: {
            type: 'string',
            description: 'Entity ref of the owning group',
          },
          createdBy: { type: 'string' },
          error: {
            allOf: [{ $ref: '#/components/schemas/InstanceError' }],
            nullable: true,
          },
          installResult: {
            type: 'string',
            enum: ['passed', 'failed'],
            nullable: true,
            description:
              'How the install ended (kept after an uninstall); null while installing and for an install an uninstall stopped',
          },
          installFinishedAt: {
            ...timestamp,
            nullable: true,
            description: 'When the install ended with installResult',
          },
          createdAt: timestamp,
          updatedAt: timestamp,
        },
      },
      InstanceResource: {
        type: 'object',
        required: [
          'nodeId',
          'type',
          'name',
          'status',
          'outputs',
          'error',
          'attempts',
          'startedAt',
          'finishedAt',
        ],
        properties: {
          nodeId: { type: 'string' },
          type: { type: 'string' },
          name: { type: 'string' },
          status: {
            type: 'string',
            enum: [
              'pending',
              'creating',
              'ready',
              'failed',
              'deleting',
              'deleted',
            ],
          },
          outputs: {
            type: 'object',
            additionalProperties: true,
            description:
              "The type's outputs once created; password only for the owner",
          },
          error: { type: 'string', nullable: true },
          attempts: { type: 'integer', minimum: 0 },
          startedAt: { ...timestamp, nullable: true },
          finishedAt: { ...timestamp, nullable: true },
        },
      },
      InstanceEvent: {
        type: 'object',
        required: ['id', 'at', 'level', 'nodeId', 'message'],
        properties: {
          id: { type: 'integer' },
          at: timestamp,
          level: { type: 'string', enum: ['info', 'warn', 'error'] },
          nodeId: { type: 'string', nullable: true },
          message: { type: 'string' },
        },
      },
      Instance: {
        allOf: [
          { $ref: '#/components/schemas/InstanceSummary' },
          {
            type: 'object',
            required: ['resources', 'outputs', 'events'],
            properties: {
              resources: {
                type: 'array',
                description: 'In install order',
                items: { $ref: '#/components/schemas/InstanceResource' },
              },
              outputs: {
                type: 'object',
                nullable: true,
                description: 'Once running (and while uninstalling)',
                required: ['accessAddress', 'account'],
                properties: {
                  accessAddress: { type: 'string', nullable: true },
                  account: { type: 'string', example: 'admin' },
                  password: {
                    type: 'string',
                    description: "Only in the owner's answer",
                  },
                },
              },
              events: {
                type: 'array',
                description: 'The latest 100, oldest first',
                items: { $ref: '#/components/schemas/InstanceEvent' },
              },
            },
          },
        ],
      },
      SpecList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: { $ref: '#/components/schemas/Spec' },
          },
        },
      },
      SpecGraphNode: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          type: {
            type: 'string',
            description: 'A resource type id of GET /resource-types',
            example: 'container-workload',
          },
          properties: {
            type: 'object',
            additionalProperties: true,
            description:
              "Checked against the type's propertySchema; defaults apply when absent",
          },
          position: {
            type: 'object',
            required: ['x', 'y'],
            properties: { x: { type: 'number' }, y: { type: 'number' } },
          },
        },
      },
      SpecGraphEdge: {
        type: 'object',
        additionalProperties: false,
        required: ['source', 'target'],
        description: 'source depends on target',
        properties: {
          source: { type: 'string' },
          target: { type: 'string' },
        },
      },
      SpecGraph: {
        type: 'object',
        additionalProperties: false,
        required: ['nodes', 'edges'],
        properties: {
          nodes: {
            type: 'array',
            maxItems: 500,
            items: { $ref: '#/components/schemas/SpecGraphNode' },
          },
          edges: {
            type: 'array',
            maxItems: 2000,
            items: { $ref: '#/components/schemas/SpecGraphEdge' },
          },
        },
      },
      SpecGraphProblem: {
        type: 'object',
        required: ['rule', 'code', 'params', 'message'],
        properties: {
          nodeId: { type: 'string', description: 'The node it is on' },
          nodeIds: {
            type: 'array',
            items: { type: 'string' },
            description: 'The nodes of a cycle, in edge order',
          },
          edge: { $ref: '#/components/schemas/SpecGraphEdge' },
          property: {
            type: 'string',
            description: 'Path of the property, e.g. listeners[1].port',
          },
          rule: {
            type: 'string',
            description: 'The rule broken (SpecGraphRule of iot-common)',
            example: 'property-required',
          },
          code: {
            type: 'string',
            description:
              'What the problem says, for wording it in any language (SpecGraphProblemCode of iot-common)',
            example: 'number-too-large',
          },
          params: {
            type: 'object',
            additionalProperties: true,
            description:
              'The values the wording of code needs (SpecGraphProblemText of iot-common)',
            example: { max: 100, got: '500' },
          },
          message: { type: 'string', description: 'The problem in English' },
        },
      },
      SpecGraphProblemsError: {
        type: 'object',
        description:
          'Backstage error body with every problem of a graph beside error',
        required: ['error', 'problems'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: { type: 'string', example: 'InputError' },
              message: {
                type: 'string',
                example: "2 problems: node 'pool': ... | node 'server': ...",
              },
              rule: { type: 'string', description: 'On import: graph' },
            },
          },
          problems: {
            type: 'array',
            items: { $ref: '#/components/schemas/SpecGraphProblem' },
          },
        },
      },
      Flavour: {
        type: 'object',
        required: ['id', 'label', 'labelZh', 'priceUnit'],
        properties: {
          id: { type: 'string', example: 'c7.large.2' },
          label,
          labelZh,
          vcpus: { type: 'number' },
          memoryGiB: { type: 'number' },
          sizeGiB: { type: 'number' },
          priceUnit: { type: 'string', example: 'hour' },
        },
      },
      ResourceType: {
        type: 'object',
        required: [
          'id',
          'label',
          'labelZh',
          'icon',
          'category',
          'propertySchema',
          'requires',
          'requiresOneOf',
          'allows',
          'atMostOne',
          'outputs',
          'billing',
          'keyProperties',
          'createSeconds',
          'deleteSeconds',
        ],
        properties: {
          id: { type: 'string', example: 'node-pool' },
          label,
          labelZh,
          icon: { type: 'string' },
          category: {
            type: 'string',
            enum: [
              'network',
              'compute',
              'containers',
              'storage',
              'database',
              'iot',
            ],
          },
          propertySchema: {
            type: 'object',
            description: "JSON Schema of a node's properties",
          },
          requires: {
            type: 'array',
            items: { type: 'string' },
            description: 'Types a node must depend on (one node of each)',
          },
          requiresOneOf: {
            type: 'array',
            items: { type: 'string' },
            description: 'Types of which a node must depend on at least one',
          },
          allows: {
            type: 'array',
            items: { type: 'string' },
            description: 'Every type a node may depend on',
          },
          atMostOne: {
            type: 'array',
            items: { type: 'string' },
            description: 'Types a node may depend on only one node of',
          },
          outputs: { type: 'array', items: { type: 'string' } },
          imageKind: { type: 'string', enum: ['docker', 'vm'] },
          billing: {
            type: 'object',
            required: ['modes', 'flavours'],
            properties: {
              modes: {
                type: 'array',
                items: {
                  type: 'string',
                  enum: ['pay-per-use', 'monthly', 'yearly', 'free'],
                },
              },
              flavours: {
                type: 'array',
                items: { $ref: '#/components/schemas/Flavour' },
              },
              flavourProperty: { type: 'string' },
              quantityProperty: { type: 'string' },
            },
          },
          keyProperties: { type: 'array', items: { type: 'string' } },
          createSeconds: { type: 'number' },
          deleteSeconds: { type: 'number' },
        },
      },
      ResourceTypeList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: { $ref: '#/components/schemas/ResourceType' },
          },
        },
      },
      PlannedResource: {
        type: 'object',
        required: [
          'nodeId',
          'type',
          'label',
          'labelZh',
          'name',
          'level',
          'dependsOn',
          'dependants',
          'flavour',
          'quantity',
          'billingMode',
          'keyProperties',
          'properties',
          'outputs',
          'createSeconds',
          'deleteSeconds',
          'startSeconds',
          'finishSeconds',
        ],
        properties: {
          nodeId: { type: 'string' },
          type: { type: 'string' },
          label,
          labelZh,
          name: { type: 'string' },
          level: {
            type: 'integer',
            minimum: 0,
            description: 'Parallel level: one more than its highest dependency',
          },
          dependsOn: { type: 'array', items: { type: 'string' } },
          dependants: { type: 'array', items: { type: 'string' } },
          flavour: {
            allOf: [{ $ref: '#/components/schemas/Flavour' }],
            nullable: true,
          },
          quantity: { type: 'integer', minimum: 1 },
          billingMode: { type: 'string' },
          keyProperties: { type: 'object', additionalProperties: true },
          properties: {
            type: 'object',
            additionalProperties: true,
            description: 'Every property, defaults applied',
          },
          outputs: { type: 'array', items: { type: 'string' } },
          createSeconds: { type: 'number' },
          deleteSeconds: { type: 'number' },
          startSeconds: { type: 'number' },
          finishSeconds: { type: 'number' },
        },
      },
      SpecPlan: {
        type: 'object',
        required: [
          'resources',
          'levels',
          'installOrder',
          'uninstallOrder',
          'criticalPath',
        ],
        properties: {
          resources: {
            type: 'array',
            description: 'In install order',
            items: { $ref: '#/components/schemas/PlannedResource' },
          },
          levels: {
            type: 'array',
            description: 'Node ids by parallel level',
            items: { type: 'array', items: { type: 'string' } },
          },
          installOrder: { type: 'array', items: { type: 'string' } },
          uninstallOrder: { type: 'array', items: { type: 'string' } },
          criticalPath: {
            type: 'object',
            required: ['nodeIds', 'seconds'],
            properties: {
              nodeIds: { type: 'array', items: { type: 'string' } },
              seconds: { type: 'number' },
            },
          },
        },
      },
      ResourceConfirmationList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            description: 'One row per resource, in install order (MKT-4)',
            items: {
              type: 'object',
              required: [
                'nodeId',
                'type',
                'resource',
                'typeLabel',
                'typeLabelZh',
                'flavour',
                'quantity',
                'billingMode',
              ],
              properties: {
                nodeId: { type: 'string' },
                type: { type: 'string' },
                resource: { type: 'string', description: "The node's name" },
                typeLabel: { type: 'string' },
                typeLabelZh: { type: 'string' },
                flavour: {
                  allOf: [{ $ref: '#/components/schemas/Flavour' }],
                  nullable: true,
                },
                quantity: { type: 'integer', minimum: 1 },
                billingMode: { type: 'string' },
              },
            },
          },
        },
      },
      ListingImage: {
        type: 'object',
        description: 'One image of a submission, as its content says',
        required: [
          'field',
          'format',
          'mediaType',
          'width',
          'height',
          'sizeBytes',
          'sha256',
          'path',
        ],
        properties: {
          field: { type: 'string', enum: listingImageFields },
          format: { type: 'string', enum: ['png', 'jpeg'] },
          mediaType: { type: 'string', enum: ['image/png', 'image/jpeg'] },
          width: { type: 'integer' },
          height: { type: 'integer' },
          sizeBytes: { type: 'integer' },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          path: {
            type: 'string',
            description:
              'GET route of the image below /api/iot, e.g. /reviews/rev-…/images/logo',
          },
        },
      },
      SubmittedSpec: {
        type: 'object',
        description: 'A spec as it was submitted',
        required: [
          'id',
          'name',
          'type',
          'deployLocation',
          'description',
          'allowTrial',
          'graphEtag',
          'resourceCount',
          'deploymentTest',
        ],
        properties: {
          id: { type: 'string' },
          ...specFields,
          graphEtag: { type: 'string' },
          resourceCount: { type: 'integer' },
          deploymentTest: {
            type: 'object',
            nullable: true,
            description: 'The deployment test it had passed (SPEC-8)',
            properties: {
              instanceId: { type: 'string' },
              status: { type: 'string' },
              at: timestamp,
            },
          },
        },
      },
      ReviewSummary: {
        type: 'object',
        description: 'A submission for review and listing (SPEC-9, REV-1)',
        required: [
          'id',
          'appId',
          'appName',
          'owner',
          'entityRef',
          'round',
          'isUpdate',
          'listingName',
          'summary',
          'logo',
          'showcaseImage',
          'introImage',
          'specIds',
          'status',
          'submittedBy',
          'submittedAt',
          'decidedBy',
          'decidedAt',
          'reason',
          'flaggedFields',
        ],
        properties: {
          id: { type: 'string', pattern: '^rev-[a-z0-9]{20}$' },
          appId: { type: 'string' },
          appName: { type: 'string' },
          owner: { type: 'string' },
          entityRef: { type: 'string' },
          round: { type: 'integer', minimum: 1 },
          isUpdate: {
            type: 'boolean',
            description:
              'The app was listed when this was submitted: a new version (REV-3)',
          },
          listingName: { type: 'string', maxLength: 64 },
          summary: { type: 'string', maxLength: 90 },
          logo: { $ref: '#/components/schemas/ListingImage' },
          showcaseImage: { $ref: '#/components/schemas/ListingImage' },
          introImage: { $ref: '#/components/schemas/ListingImage' },
          specIds: { type: 'array', items: { type: 'string' } },
          status: { type: 'string', enum: [...REVIEW_DECISIONS] },
          submittedBy: { type: 'string' },
          submittedAt: timestamp,
          decidedBy: { type: 'string', nullable: true },
          decidedAt: { ...timestamp, nullable: true },
          reason: {
            type: 'string',
            nullable: true,
            description: "Rejection reason, or the approver's comment",
          },
          flaggedFields: {
            type: 'array',
            description: reviewFieldDescription,
            items: { type: 'string' },
          },
        },
      },
      Review: {
        description:
          'A submission with its specs as submitted (graph, deployment test), the listing state of the app, ' +
          "and the field-by-field changes since the app's previous decided submission",
        allOf: [
          { $ref: '#/components/schemas/ReviewSummary' },
          {
            type: 'object',
            required: ['specs', 'listingState', 'previous', 'changes'],
            properties: {
              specs: {
                type: 'array',
                items: {
                  allOf: [
                    { $ref: '#/components/schemas/SubmittedSpec' },
                    {
                      type: 'object',
                      required: ['graph', 'exists'],
                      properties: {
                        graph: { $ref: '#/components/schemas/SpecGraph' },
                        exists: { type: 'boolean' },
                      },
                    },
                  ],
                },
              },
              listingState: { type: 'string', enum: listingStates },
              previous: {
                type: 'object',
                nullable: true,
                properties: {
                  id: { type: 'string' },
                  round: { type: 'integer' },
                  status: { type: 'string' },
                  decidedAt: { ...timestamp, nullable: true },
                  reason: { type: 'string', nullable: true },
                  flaggedFields: { type: 'array', items: { type: 'string' } },
                },
              },
              changes: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['field', 'flagged'],
                  description:
                    'listingName/summary: before, after (strings); logo/showcaseImage/introImage: before, after ' +
                    '(ListingImage); specs: added, removed (ids); spec:<id>: specId, changed (field names), before, after (SubmittedSpec)',
                  properties: {
                    field: {
                      type: 'string',
                      description: reviewFieldDescription,
                    },
                    flagged: {
                      type: 'boolean',
                      description: 'The previous rejection flagged this field',
                    },
                    before: {},
                    after: {},
                    added: { type: 'array', items: { type: 'string' } },
                    removed: { type: 'array', items: { type: 'string' } },
                    specId: { type: 'string' },
                    changed: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        ],
      },
      AppListing: {
        type: 'object',
        description:
          'Listing state of an app (REV-1..3), what the caller may do, and the history of every transition',
        required: [
          'appId',
          'state',
          'reviewStatus',
          'actions',
          'can',
          'listed',
          'pending',
          'lastRejection',
          'history',
        ],
        properties: {
          appId: { type: 'string' },
          state: { type: 'string', enum: listingStates },
          reviewStatus: {
            type: 'string',
            enum: ['draft', 'in-review', 'approved', 'rejected', 'unlisted'],
          },
          actions: {
            type: 'array',
            description: 'Legal in this state, whoever asks',
            items: { type: 'string', enum: listingActions },
          },
          can: {
            type: 'object',
            required: ['submit', 'decide', 'unlist'],
            properties: {
              submit: { type: 'boolean' },
              decide: { type: 'boolean' },
              unlist: { type: 'boolean' },
            },
          },
          listed: {
            type: 'object',
            nullable: true,
            required: ['review', 'specIds'],
            properties: {
              review: { $ref: '#/components/schemas/ReviewSummary' },
              specIds: {
                type: 'array',
                description: 'Specs on the marketplace now',
                items: { type: 'string' },
              },
            },
          },
          pending: {
            allOf: [{ $ref: '#/components/schemas/ReviewSummary' }],
            nullable: true,
          },
          lastRejection: {
            allOf: [{ $ref: '#/components/schemas/ReviewSummary' }],
            nullable: true,
            description:
              'The latest decided submission when it was rejected: reason and flagged fields for the resubmission form',
          },
          history: {
            type: 'array',
            description: 'Oldest first',
            items: {
              type: 'object',
              required: [
                'id',
                'action',
                'from',
                'to',
                'actorRef',
                'at',
                'reviewId',
                'reason',
                'flaggedFields',
                'specId',
              ],
              properties: {
                id: { type: 'integer' },
                action: { type: 'string', enum: listingActions },
                from: { type: 'string', enum: listingStates },
                to: { type: 'string', enum: listingStates },
                actorRef: { type: 'string' },
                at: timestamp,
                reviewId: { type: 'string', nullable: true },
                reason: { type: 'string', nullable: true },
                flaggedFields: { type: 'array', items: { type: 'string' } },
                specId: { type: 'string', nullable: true },
              },
            },
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
    '/app-taxonomy': {
      get: {
        operationId: 'getAppTaxonomy',
        summary:
          'Industries and scenarios apps are classified by (iot.apps.industries)',
        responses: {
          '200': jsonResponse('The taxonomy', 'AppTaxonomy'),
          '401': errorResponse('No valid Backstage token'),
        },
      },
    },
    '/apps': {
      post: {
        operationId: 'createApp',
        summary: "Create an app of the caller's ISV group (APP-1)",
        requestBody: jsonBody('CreateAppRequest'),
        responses: {
          '201': jsonResponse('Created, in review status draft', 'App'),
          '400': errorResponse(
            'Invalid body, unknown industry or scenario, or several ISV groups and no owner',
          ),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse(
            'Missing iot.app.create, or not in an ISV group',
          ),
          '409': errorResponse('The group already has an app of that name'),
        },
      },
      get: {
        operationId: 'listApps',
        summary: 'Apps the caller may read (APP-3)',
        parameters: [
          {
            name: 'name',
            in: 'query',
            schema: { type: 'string', maxLength: 64 },
            description: 'Part of the app name (case-insensitive)',
          },
          {
            name: 'reviewStatus',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['draft', 'in-review', 'approved', 'rejected', 'unlisted'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': jsonResponse('One page, ordered by name', 'AppList'),
          '400': errorResponse('Invalid query'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.read'),
        },
      },
    },
    '/apps/{appId}': {
      get: {
        operationId: 'getApp',
        summary: 'One app (APP-5)',
        parameters: [idParameter('appId')],
        responses: {
          '200': jsonResponse('The app', 'App'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such app, or one the caller may not read'),
        },
      },
      patch: {
        operationId: 'updateApp',
        summary: 'Edit an app (APP-2); its id stays',
        parameters: [idParameter('appId')],
        requestBody: jsonBody('UpdateAppRequest'),
        responses: {
          '200': jsonResponse('The edited app', 'App'),
          '400': errorResponse('Invalid body, unknown industry or scenario'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the app'),
          '404': errorResponse('No such app, or one the caller may not read'),
          '409': errorResponse('The group already has an app of that name'),
        },
      },
      delete: {
        operationId: 'deleteApp',
        summary: 'Delete an app and its specs (APP-4)',
        parameters: [idParameter('appId')],
        responses: {
          '204': { description: 'Deleted' },
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.delete on the app'),
          '404': errorResponse('No such app, or one the caller may not read'),
          '409': errorResponse(
            'The app is in review or has been published, or instances of its specs still hold cloud resources; the message says why',
          ),
        },
      },
    },
    '/apps/{appId}/specs': {
      post: {
        operationId: 'createSpec',
        summary: 'Add a spec to an app (SPEC-1), with an empty graph',
        parameters: [idParameter('appId')],
        requestBody: jsonBody('CreateSpecRequest'),
        responses: {
          '201': jsonResponse('Created', 'Spec'),
          '400': errorResponse('Invalid body'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the app'),
          '404': errorResponse('No such app, or one the caller may not read'),
          '409': errorResponse('The app already has a spec of that name'),
        },
      },
      get: {
        operationId: 'listSpecs',
        summary: 'The specs of an app, ordered by name',
        parameters: [idParameter('appId')],
        responses: {
          '200': jsonResponse('The specs', 'SpecList'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such app, or one the caller may not read'),
        },
      },
    },
    '/apps/{appId}/specs/import': {
      post: {
        operationId: 'importSpec',
        summary: 'Create a spec from an exported .zip (SPEC-2)',
        description:
          'The archive holds iot-spec.json (manifestVersion 1, see the README of the iot backend). ' +
          'A name the app already uses gets " (imported)". Every image version the graph deploys ' +
          "must be a succeeded version of the app's group, and the graph must be valid as PUT /specs/{specId}/graph requires.",
        parameters: [idParameter('appId')],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: {
                    type: 'string',
                    format: 'binary',
                    description: 'The .zip, at most 500 KiB',
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': jsonResponse('The imported spec', 'Spec'),
          '400': errorResponse('No file, or not multipart'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the app'),
          '404': errorResponse('No such app, or one the caller may not read'),
          '413': errorResponse('The upload is over 500 KiB'),
          '415': errorResponse('Not a zip archive'),
          '422': {
            description:
              'Broken or unsafe archive, bad manifest, image versions the group does not have, or a graph ' +
              'with problems; error.rule names the rule, and for rule graph problems lists every problem',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { $ref: '#/components/schemas/Error' },
                    { $ref: '#/components/schemas/SpecGraphProblemsError' },
                  ],
                },
              },
            },
          },
        },
      },
    },
    '/specs/{specId}': {
      get: {
        operationId: 'getSpec',
        summary: 'One spec',
        parameters: [idParameter('specId')],
        responses: {
          '200': jsonResponse('The spec', 'Spec'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
        },
      },
      patch: {
        operationId: 'updateSpec',
        summary: "Edit a spec's fields (SPEC-3); its id stays",
        parameters: [idParameter('specId')],
        requestBody: jsonBody('UpdateSpecRequest'),
        responses: {
          '200': jsonResponse('The edited spec', 'Spec'),
          '400': errorResponse('Invalid body'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the spec'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': errorResponse('The app already has a spec of that name'),
        },
      },
      delete: {
        operationId: 'deleteSpec',
        summary: 'Delete a spec (SPEC-4)',
        parameters: [idParameter('specId')],
        responses: {
          '204': { description: 'Deleted' },
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.delete on the spec'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': errorResponse(
            'The app is in review or published, or instances of the spec still hold cloud resources (the message names them; rule no-orphaned-instances)',
          ),
        },
      },
    },
    '/specs/{specId}/copy': {
      post: {
        operationId: 'copySpec',
        summary:
          'Copy a spec, graph included, into a new spec of the same app (SPEC-6)',
        parameters: [idParameter('specId')],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/CopySpecRequest' },
            },
          },
        },
        responses: {
          '201': jsonResponse('The copy', 'Spec'),
          '400': errorResponse('Invalid body'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the spec'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': errorResponse('The app already has a spec of that name'),
        },
      },
    },
    '/specs/{specId}/export': {
      get: {
        operationId: 'exportSpec',
        summary: 'The spec as a .zip that import accepts unchanged (SPEC-5)',
        parameters: [idParameter('specId')],
        responses: {
          '200': {
            description:
              'attachment <specId>.zip: iot-spec.json (fields, graph, images) and README.md',
            content: {
              'application/zip': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
        },
      },
    },
    '/resource-types': {
      get: {
        operationId: 'listResourceTypes',
        summary:
          'The node types of dependency graphs: the palette of the spec editor (SPEC-7)',
        description:
          'Any signed-in user; cacheable for an hour (the registry changes only with the portal).',
        responses: {
          '200': jsonResponse(
            'Every type, in palette order',
            'ResourceTypeList',
          ),
          '401': errorResponse('No valid Backstage token'),
        },
      },
    },
    '/specs/{specId}/graph': {
      get: {
        operationId: 'getSpecGraph',
        summary: "A spec's dependency graph (SPEC-7)",
        parameters: [idParameter('specId')],
        responses: {
          '200': {
            ...jsonResponse('The saved graph', 'SpecGraph'),
            headers: { ETag: graphETag },
          },
          '304': { description: 'If-None-Match matched the ETag' },
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
        },
      },
      put: {
        operationId: 'saveSpecGraph',
        summary: "Save a spec's dependency graph (SPEC-7)",
        description:
          'The graph must pass validateSpecGraph of iot-common: the registry rules, and every image ' +
          "a node runs is a succeeded version of an image of the app's group, of the node's kind. " +
          'The spec then deploys those image versions (its IotSpec depends on them). Body at most 2 MiB.',
        parameters: [
          idParameter('specId'),
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description:
              'ETag of the graph the edit started from (GET or PUT answer); * for any. Without it the save overwrites.',
            schema: { type: 'string' },
          },
        ],
        requestBody: jsonBody('SpecGraph'),
        responses: {
          '200': {
            ...jsonResponse('The saved graph', 'SpecGraph'),
            headers: { ETag: graphETag },
          },
          '400': specGraphProblemsResponse(
            'The graph has problems: every one of them in problems (error.name InputError)',
          ),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the spec'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': errorResponse('The app is in review or published'),
          '412': errorResponse(
            'If-Match does not match: the graph was saved by someone else since',
          ),
          '413': errorResponse('The body is over 2 MiB'),
        },
      },
    },
    '/specs/{specId}/plan': {
      get: {
        operationId: 'getSpecPlan',
        summary:
          'The deployment plan of the saved graph: parallel levels, install and uninstall order, critical path',
        parameters: [idParameter('specId')],
        responses: {
          '200': jsonResponse('The plan', 'SpecPlan'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': specGraphProblemsResponse(
            'The saved graph is not valid (imported or saved before the rules)',
          ),
        },
      },
    },
    '/specs/{specId}/resources': {
      get: {
        operationId: 'getSpecResources',
        summary:
          'The resource confirmation table of the saved graph: flavour, quantity and billing mode per resource',
        parameters: [idParameter('specId')],
        responses: {
          '200': jsonResponse('The rows', 'ResourceConfirmationList'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': specGraphProblemsResponse('The saved graph is not valid'),
        },
      },
    },
    '/specs/{specId}/exports/terraform': {
      get: {
        operationId: 'exportSpecTerraform',
        summary: 'The saved graph as Terraform JSON (huaweicloud provider)',
        parameters: [idParameter('specId')],
        responses: {
          '200': download('attachment <specId>.tf.json', 'application/json'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': specGraphProblemsResponse('The saved graph is not valid'),
        },
      },
    },
    '/specs/{specId}/exports/kubernetes': {
      get: {
        operationId: 'exportSpecKubernetes',
        summary:
          'The container workloads of the saved graph as Kubernetes manifests (one YAML stream)',
        description:
          'Images are pulled from iot.specs.registry. Without workloads the file holds only comments.',
        parameters: [idParameter('specId')],
        responses: {
          '200': download('attachment <specId>.k8s.yaml', 'application/yaml'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': specGraphProblemsResponse('The saved graph is not valid'),
        },
      },
    },
    '/specs/{specId}/deployment-tests': {
      post: {
        operationId: 'startDeploymentTest',
        summary:
          'Test-install the saved graph of a spec on the deployment provider (SPEC-8)',
        description:
          'Resources are created in dependency order, independent ones in parallel; a failure rolls back. ' +
          'Follow progress at GET /instances/{instanceId}.',
        parameters: [idParameter('specId')],
        responses: {
          '202': {
            description: 'Accepted; the install runs in the background',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['instanceId'],
                  properties: { instanceId: { type: 'string' } },
                },
              },
            },
          },
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the spec'),
          '404': errorResponse('No such spec, or one the caller may not read'),
          '409': {
            description:
              'The saved graph is not valid (problems beside error) or has no resources',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { $ref: '#/components/schemas/SpecGraphProblemsError' },
                    { $ref: '#/components/schemas/Error' },
                  ],
                },
              },
            },
          },
        },
      },
      get: {
        operationId: 'listDeploymentTests',
        summary: 'The deployment tests of a spec, newest first',
        parameters: [
          idParameter('specId'),
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'One page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'nextCursor'],
                  properties: {
                    items: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/InstanceSummary' },
                    },
                    nextCursor: { type: 'string', nullable: true },
                  },
                },
              },
            },
          },
          '400': errorResponse('Invalid query'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse('No such spec, or one the caller may not read'),
        },
      },
    },
    '/instances/{instanceId}': {
      get: {
        operationId: 'getInstance',
        summary:
          'An instance: status, resources with their state and outputs, access outputs, latest events',
        parameters: [instanceIdParameter],
        responses: {
          '200': jsonResponse(
            'The instance (Cache-Control: no-store)',
            'Instance',
          ),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse(
            'No such instance, or one the caller may not read',
          ),
        },
      },
      delete: {
        operationId: 'uninstallInstance',
        summary:
          'Uninstall: delete every resource in reverse dependency order (an install in progress stops first)',
        description: 'Idempotent: uninstalling or deleted instances stay so.',
        parameters: [instanceIdParameter],
        responses: {
          '202': jsonResponse('Accepted', 'InstanceSummary'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.update on the instance'),
          '404': errorResponse(
            'No such instance, or one the caller may not read',
          ),
        },
      },
    },
    '/instances/{instanceId}/events': {
      get: {
        operationId: 'listInstanceEvents',
        summary: 'Log lines of an instance after an event id, oldest first',
        parameters: [
          instanceIdParameter,
          {
            name: 'after',
            in: 'query',
            schema: { type: 'integer', minimum: 0 },
            description: 'The id of the last event seen',
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        ],
        responses: {
          '200': {
            description: 'One page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'nextCursor'],
                  properties: {
                    items: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/InstanceEvent' },
                    },
                    nextCursor: {
                      type: 'string',
                      nullable: true,
                      description:
                        'after for the next page; null when there are no more yet',
                    },
                  },
                },
              },
            },
          },
          '400': errorResponse('Invalid query'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse(
            'No such instance, or one the caller may not read',
          ),
        },
      },
    },
    '/apps/{appId}/submissions': {
      post: {
        operationId: 'submitApp',
        summary: 'Submit an app for review and listing (SPEC-9)',
        description:
          'Images are checked by content: logo PNG ≤ 100 KB; showcase and intro image PNG or JPEG ≤ 1 MB; ' +
          'at most 4096 px a side; a name whose extension says another format than the content is refused. ' +
          "On a resubmission an image left out is carried over from the app's latest submission. " +
          "Every chosen spec must be the app's and have passed a deployment test of its current graph.",
        parameters: [idParameter('appId')],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['listingName', 'summary', 'specIds'],
                properties: {
                  listingName: { type: 'string', minLength: 1, maxLength: 64 },
                  summary: { type: 'string', minLength: 1, maxLength: 90 },
                  specIds: {
                    type: 'array',
                    description:
                      'One field per spec, or one comma-separated field; 1 to 20',
                    items: { type: 'string' },
                  },
                  logo: { type: 'string', format: 'binary' },
                  showcaseImage: { type: 'string', format: 'binary' },
                  introImage: { type: 'string', format: 'binary' },
                },
              },
            },
          },
        },
        responses: {
          '201': jsonResponse('The submission, pending', 'ReviewSummary'),
          '400': errorResponse(
            'Invalid fields, a spec of another app, a missing image on a first submission, or not multipart',
          ),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.app.submit on the app'),
          '404': errorResponse('No such app, or one the caller may not read'),
          '409': errorResponse(
            'The listing state does not allow a submission (e.g. one is already in review), ' +
              'or a chosen spec has not passed a deployment test; the message names the state or the spec',
          ),
          '413': errorResponse('An image is over its size limit (rule size)'),
          '415': errorResponse(
            'An image is not PNG/JPEG, a JPEG logo, or named as another format (rule format, extension)',
          ),
          '422': errorResponse(
            'An image is truncated or corrupt, or has no or too many pixels (rule structure, dimensions)',
          ),
        },
      },
    },
    '/apps/{appId}/listing': {
      get: {
        operationId: 'getAppListing',
        summary:
          'Listing state, listed and pending submissions, last rejection and history of an app (REV-1..3)',
        parameters: [idParameter('appId')],
        responses: {
          '200': jsonResponse('The listing', 'AppListing'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse(
            'Missing iot.review.read on the app (also for a listed app, which every signed-in user sees)',
          ),
          '404': errorResponse(
            'No such app, or an unlisted one the caller may not read',
          ),
        },
      },
    },
    '/apps/{appId}/unlist': {
      post: {
        operationId: 'unlistApp',
        summary:
          'Take a listed app, or one of its listed specs, off the marketplace (REV-3)',
        parameters: [idParameter('appId')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['reason'],
                properties: {
                  reason: { type: 'string', minLength: 1, maxLength: 2000 },
                  specId: {
                    type: 'string',
                    description: 'Only this listed spec; the app stays listed',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': jsonResponse('The listing after the change', 'AppListing'),
          '400': errorResponse('Invalid body'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse(
            'Neither iot.review.decide nor iot.app.submit on the app',
          ),
          '404': errorResponse('No such app, or one the caller may not read'),
          '409': errorResponse(
            'The app is not listed, the spec is not listed, or it is the only listed spec',
          ),
        },
      },
    },
    '/reviews': {
      get: {
        operationId: 'listReviews',
        summary: 'The review queue, oldest submission first (REV-1)',
        description:
          'Reviewers see every submission, ISVs those of their own apps.',
        parameters: [
          {
            name: 'status',
            in: 'query',
            schema: { type: 'string', enum: [...REVIEW_DECISIONS] },
          },
          { name: 'appId', in: 'query', schema: { type: 'string' } },
          {
            name: 'owner',
            in: 'query',
            description: 'Entity ref of the owning group',
            schema: { type: 'string' },
          },
          {
            name: 'q',
            in: 'query',
            description: 'Part of the listing or app name',
            schema: { type: 'string' },
          },
          {
            name: 'update',
            in: 'query',
            description:
              'true: only new versions of listed apps; false: only first listings',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
          ...pageParameters,
        ],
        responses: {
          '200': pageResponse('ReviewSummary'),
          '400': errorResponse('Invalid query'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse('Missing iot.review.read'),
        },
      },
    },
    '/reviews/{reviewId}': {
      get: {
        operationId: 'getReview',
        summary:
          'A submission with its specs, graphs, deployment tests and the diff with the previous decided one (REV-1)',
        parameters: [reviewIdParameter],
        responses: {
          '200': jsonResponse('The review', 'Review'),
          '401': errorResponse('No valid Backstage token'),
          '404': errorResponse(
            'No such review, or one the caller may not read',
          ),
        },
      },
    },
    '/reviews/{reviewId}/images/{field}': {
      get: {
        operationId: 'getReviewImage',
        summary: 'One image of a submission, for rendering',
        description:
          'Also accepts the Backstage user cookie, for <img src>. Images of the listing on the marketplace ' +
          'are for every signed-in user; others for reviewers and the owning group. Sent with ' +
          'X-Content-Type-Options: nosniff, a sandboxing Content-Security-Policy and an ETag.',
        parameters: [
          reviewIdParameter,
          {
            name: 'field',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: listingImageFields },
          },
        ],
        responses: {
          '200': {
            description: 'The image',
            content: {
              'image/png': { schema: { type: 'string', format: 'binary' } },
              'image/jpeg': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '304': { description: 'Unchanged (If-None-Match)' },
          '401': errorResponse('No valid Backstage token or cookie'),
          '404': errorResponse(
            'No such review or image, or one the caller may not see',
          ),
        },
      },
    },
    '/reviews/{reviewId}/approve': {
      post: {
        operationId: 'approveReview',
        summary:
          'Approve a pending submission: the app and its chosen specs go on the marketplace (REV-2)',
        parameters: [reviewIdParameter],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  comment: { type: 'string', maxLength: 2000 },
                },
              },
            },
          },
        },
        responses: {
          '200': jsonResponse('The approved submission', 'ReviewSummary'),
          '400': errorResponse('Invalid body'),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse(
            "Missing iot.review.decide, or the caller is in the app's own group",
          ),
          '404': errorResponse('No such review'),
          '409': errorResponse(
            'Not pending, or the listing state does not allow it; the message names the state',
          ),
        },
      },
    },
    '/reviews/{reviewId}/reject': {
      post: {
        operationId: 'rejectReview',
        summary:
          'Reject a pending submission with a reason and the fields to fix (REV-1)',
        parameters: [reviewIdParameter],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['reason'],
                properties: {
                  reason: { type: 'string', minLength: 1, maxLength: 2000 },
                  flaggedFields: {
                    type: 'array',
                    description: reviewFieldDescription,
                    items: { type: 'string' },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': jsonResponse('The rejected submission', 'ReviewSummary'),
          '400': errorResponse(
            'No reason, an unknown field, or a spec that is not in the submission',
          ),
          '401': errorResponse('No valid Backstage token'),
          '403': errorResponse(
            "Missing iot.review.decide, or the caller is in the app's own group",
          ),
          '404': errorResponse('No such review'),
          '409': errorResponse(
            'Not pending, or the listing state does not allow it; the message names the state',
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
