import {
  EMPTY_SPEC_GRAPH,
  exampleSpecGraph,
  listResourceTypes,
  planSpecGraph,
  resourceConfirmationTable,
  type ImageListItem,
  type ReviewField,
} from '@internal/backstage-plugin-iot-common';
import type { IotApi } from '../api';
import {
  edgeSpec,
  meterApp,
  smartParkingApp,
  standardSpec,
  taxonomy,
} from './apps';
import { edgeGateway, parkingServer, uploadedParkingServer } from './images';
import { rejectedListing, reviewItem, reviewSummary } from './reviews';
import {
  TEST_INSTANCE_ID,
  testInstance,
  testInstanceSummary,
} from './instances';

/** A jest mock of one IotApi method, typed like the method. */
function method<K extends keyof IotApi>(
  implementation: (...args: Parameters<IotApi[K]>) => ReturnType<IotApi[K]>,
) {
  return jest.fn<ReturnType<IotApi[K]>, Parameters<IotApi[K]>>(implementation);
}

/** Graph of a demo spec: the standard spec has the example graph, others none yet. */
function demoGraph(specId: string) {
  return specId === standardSpec.id ? exampleSpecGraph() : EMPTY_SPEC_GRAPH;
}

/**
 * An IotApi whose methods are jest mocks answering with the demo data; lists
 * `images` by default.
 */
export function fakeIotApi(
  images: ImageListItem[] = [parkingServer, edgeGateway],
): jest.Mocked<IotApi> {
  return {
    listImages: method<'listImages'>(async () => ({
      items: images,
      nextCursor: null,
    })),
    deleteImageVersion: method<'deleteImageVersion'>(async () => undefined),
    uploadImage: method<'uploadImage'>(async () => uploadedParkingServer),

    listApps: method<'listApps'>(async () => ({
      items: [smartParkingApp, meterApp],
      nextCursor: null,
    })),
    getApp: method<'getApp'>(async appId =>
      appId === meterApp.id ? meterApp : smartParkingApp,
    ),
    createApp: method<'createApp'>(async request => ({
      ...meterApp,
      ...request,
      description: request.description ?? '',
    })),
    updateApp: method<'updateApp'>(async (_appId, request) => ({
      ...smartParkingApp,
      ...request,
    })),
    deleteApp: method<'deleteApp'>(async () => undefined),
    getAppTaxonomy: method<'getAppTaxonomy'>(async () => taxonomy),

    listSpecs: method<'listSpecs'>(async () => ({
      items: [standardSpec, edgeSpec],
    })),
    getSpec: method<'getSpec'>(async specId =>
      specId === edgeSpec.id ? edgeSpec : standardSpec,
    ),
    createSpec: method<'createSpec'>(async (appId, request) => ({
      ...edgeSpec,
      ...request,
      appId,
      id: 'smart-parking-new',
      entityRef: 'iotspec:default/smart-parking-new',
      allowTrial: request.allowTrial ?? false,
    })),
    updateSpec: method<'updateSpec'>(async (specId, request) => ({
      ...(specId === edgeSpec.id ? edgeSpec : standardSpec),
      ...request,
    })),
    deleteSpec: method<'deleteSpec'>(async () => undefined),
    copySpec: method<'copySpec'>(async (specId, name) => ({
      ...(specId === edgeSpec.id ? edgeSpec : standardSpec),
      id: 'smart-parking-copy',
      entityRef: 'iotspec:default/smart-parking-copy',
      name: name ?? 'copy',
    })),
    exportSpec: method<'exportSpec'>(async specId => ({
      blob: new Blob(['PK']),
      fileName: `${specId}.zip`,
    })),
    importSpec: method<'importSpec'>(async appId => ({
      ...edgeSpec,
      appId,
      id: 'smart-parking-imported',
      entityRef: 'iotspec:default/smart-parking-imported',
      name: 'Imported edge',
    })),

    getResourceTypes: method<'getResourceTypes'>(async () =>
      listResourceTypes(),
    ),
    getSpecGraph: method<'getSpecGraph'>(async specId => ({
      graph: demoGraph(specId),
      etag: '"v1"',
    })),
    saveSpecGraph: method<'saveSpecGraph'>(async (_specId, graph) => ({
      graph,
      etag: '"v2"',
    })),
    getSpecPlan: method<'getSpecPlan'>(async specId =>
      planSpecGraph(demoGraph(specId)),
    ),
    getSpecResources: method<'getSpecResources'>(async specId => ({
      items: resourceConfirmationTable(demoGraph(specId)),
    })),
    downloadSpecExport: method<'downloadSpecExport'>(
      async (specId, format) => ({
        blob: new Blob([format === 'terraform' ? '{}' : '---']),
        fileName: `${specId}.${
          format === 'terraform' ? 'tf.json' : 'k8s.yaml'
        }`,
      }),
    ),

    startDeploymentTest: method<'startDeploymentTest'>(
      async () => TEST_INSTANCE_ID,
    ),
    listDeploymentTests: method<'listDeploymentTests'>(async () => ({
      items: [],
      nextCursor: null,
    })),
    getInstance: method<'getInstance'>(async () => testInstance()),
    listInstanceEvents: method<'listInstanceEvents'>(async () => ({
      items: [],
      nextCursor: null,
    })),
    deleteInstance: method<'deleteInstance'>(async () =>
      testInstanceSummary({ status: 'uninstalling', operation: 'uninstall' }),
    ),

    submitListing: method<'submitListing'>(async (appId, request) =>
      reviewSummary({
        appId,
        listingName: request.listingName,
        summary: request.summary,
        specIds: request.specIds,
      }),
    ),
    getListing: method<'getListing'>(async () => rejectedListing()),
    unlistApp: method<'unlistApp'>(async () =>
      rejectedListing({ state: 'unlisted', reviewStatus: 'unlisted' }),
    ),
    listReviews: method<'listReviews'>(async () => ({
      items: [reviewSummary()],
      nextCursor: null,
    })),
    getReview: method<'getReview'>(async () => reviewItem()),
    // A File: jest's global Blob is Node's, which jsdom's FileReader refuses.
    getReviewImage: method<'getReviewImage'>(async (_reviewId, field) => ({
      blob: new File(['PNG'], `${field}.png`, { type: 'image/png' }),
      mediaType: 'image/png',
    })),
    approveReview: method<'approveReview'>(async () =>
      reviewSummary({ status: 'approved' }),
    ),
    rejectReview: method<'rejectReview'>(async (_reviewId, request) =>
      reviewSummary({
        status: 'rejected',
        reason: request.reason,
        flaggedFields: (request.flaggedFields ?? []) as ReviewField[],
      }),
    ),
  };
}
