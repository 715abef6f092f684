import {
  CreateAppRequest,
  CreateSpecRequest,
  SpecGraph,
  SpecImageUse,
  SPEC_MANIFEST_VERSION,
} from '@internal/backstage-plugin-iot-common';
import { Server } from 'node:http';
import request from 'supertest';
import { writeSpecArchive } from '../specs/specArchive';
import { as } from './testBackend';

/**
 * A valid graph with one container workload per (Docker) image version, on
 * a node pool of a cluster in a subnet of a VPC.
 */
export function graphUsing(images: SpecImageUse[]): SpecGraph {
  return {
    nodes: [
      { id: 'vpc', type: 'vpc', properties: { name: 'vpc' } },
      { id: 'subnet', type: 'subnet', properties: { name: 'subnet' } },
      { id: 'cluster', type: 'container-cluster', properties: { name: 'cce' } },
      { id: 'pool', type: 'node-pool', properties: { name: 'nodes' } },
      ...images.map((image, index) => ({
        id: `workload-${index + 1}`,
        type: 'container-workload',
        properties: { name: `workload-${index + 1}`, image },
        position: { x: 100 * index, y: 40 },
      })),
    ],
    edges: [
      { source: 'subnet', target: 'vpc' },
      { source: 'cluster', target: 'subnet' },
      { source: 'pool', target: 'cluster' },
      ...images.map((_image, index) => ({
        source: `workload-${index + 1}`,
        target: 'pool',
      })),
    ],
  };
}

/** A spec archive as export writes it, of a spec whose graph deploys `images`. */
export function specArchiveUsing(
  images: SpecImageUse[],
  spec: Partial<CreateSpecRequest> = {},
): Promise<Buffer> {
  const graph = graphUsing(images);
  return writeSpecArchive({
    manifestVersion: SPEC_MANIFEST_VERSION,
    kind: 'IotSpec',
    spec: {
      type: 'general',
      deployLocation: 'public-cloud',
      name: 'Standard',
      description: 'Public-cloud deployment.',
      allowTrial: true,
      ...spec,
    },
    graph,
    images,
  });
}

/**
 * Creates an app over HTTP as `persona`, and (by importing an archive) a
 * spec deploying `images`.
 * Fails the test when either is refused.
 */
export async function createAppWithSpec(
  server: Server,
  persona: string,
  options: {
    app: Partial<CreateAppRequest> & { name: string };
    spec?: Partial<CreateSpecRequest>;
    images: SpecImageUse[];
  },
) {
  const app = await request(server)
    .post('/api/iot/apps')
    .set('Authorization', as(persona))
    .send({ industry: 'smart-city', scenario: 'parking', ...options.app });
  if (app.status !== 201) {
    throw new Error(`app not created: ${app.status} ${app.text}`);
  }
  const spec = await request(server)
    .post(`/api/iot/apps/${app.body.id}/specs/import`)
    .set('Authorization', as(persona))
    .attach(
      'file',
      await specArchiveUsing(options.images, options.spec),
      'spec.zip',
    );
  if (spec.status !== 201) {
    throw new Error(`spec not imported: ${spec.status} ${spec.text}`);
  }
  return { app: app.body, spec: spec.body };
}
