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
          '401': {
            description: 'No valid Backstage token',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Error' },
              },
            },
          },
        },
      },
    },
  },
};
