import {
  DEFAULT_IMAGE_REGISTRY,
  exampleSpecGraph,
  InvalidSpecGraphError,
  SpecGraph,
  SpecGraphProblem,
} from '@internal/backstage-plugin-iot-common';
import { PreconditionFailedError } from '../http/errors';
import { graphETag } from './graphETag';
import { problemsSummary, SpecGraphService } from './SpecGraphService';

const spec = {
  id: 'smart-parking-standard',
  name: 'Standard',
  owner: 'group:default/isv-acme',
};

function serviceWith(graph: SpecGraph, registry?: string) {
  const specs = {
    getSpecWithGraph: jest.fn(async () => ({ spec, graph } as any)),
    getSpecForGraphChange: jest.fn(async () => ({ spec, graph } as any)),
    replaceGraph: jest.fn(async (_id: string, saved: SpecGraph) => ({
      spec,
      graph: saved,
    })) as any,
  };
  const images = {
    imageVersions: jest.fn(async () => [
      {
        name: 'parking-server',
        version: '1.4.2',
        kind: 'docker' as const,
        status: 'succeeded' as const,
        owner: 'group:default/isv-acme',
      },
    ]),
  };
  return {
    service: new SpecGraphService({ specs, images, registry }),
    specs,
    images,
  };
}

describe('SpecGraphService', () => {
  it('tags a graph by its content', () => {
    const graph = exampleSpecGraph();

    expect(graphETag(graph)).toMatch(/^"[0-9a-f]{32}"$/);
    expect(graphETag(exampleSpecGraph())).toBe(graphETag(graph));
    expect(graphETag({ nodes: [], edges: [] })).not.toBe(graphETag(graph));
  });

  it('summarises at most ten problems', () => {
    const problems: SpecGraphProblem[] = Array.from({ length: 12 }, (_, i) => ({
      rule: 'cycle',
      code: 'cycle',
      params: {},
      message: `m${i + 1}`,
    }));

    expect(problemsSummary(problems.slice(0, 1))).toBe('1 problem: m1');
    expect(problemsSummary(problems)).toBe(
      '12 problems: m1 | m2 | m3 | m4 | m5 | m6 | m7 | m8 | m9 | m10 | and 2 more',
    );
  });

  it('validates against the versions of the images the graph names, for the spec owner', async () => {
    const { service, specs, images } = serviceWith({ nodes: [], edges: [] });

    const saved = await service.saveGraph(
      spec.id,
      exampleSpecGraph(),
      'user:default/alice',
    );

    expect(images.imageVersions).toHaveBeenCalledWith(['parking-server']);
    expect(specs.replaceGraph).toHaveBeenCalledWith(
      spec.id,
      exampleSpecGraph(),
      'user:default/alice',
      { ifGraph: undefined },
    );
    expect(saved.etag).toBe(graphETag(exampleSpecGraph()));
    await expect(
      service.problemsOf(exampleSpecGraph(), 'group:default/isv-globex'),
    ).resolves.toEqual([
      expect.objectContaining({ nodeId: 'server', rule: 'image-owner' }),
    ]);
  });

  it('checks If-Match before the graph, and saves onto the graph it matched', async () => {
    const current = exampleSpecGraph();
    const { service, specs } = serviceWith(current);
    const invalid = {
      nodes: [{ id: 'x', type: 'nope', properties: {} }],
      edges: [],
    };

    await expect(
      service.saveGraph(spec.id, invalid, 'user:default/alice', {
        ifMatch: ['"stale"'],
      }),
    ).rejects.toThrow(PreconditionFailedError);
    await expect(
      service.saveGraph(spec.id, invalid, 'user:default/alice', {
        ifMatch: [graphETag(current)],
      }),
    ).rejects.toThrow(InvalidSpecGraphError);
    await service.saveGraph(
      spec.id,
      { nodes: [], edges: [] },
      'user:default/alice',
      { ifMatch: ['"other"', graphETag(current)] },
    );

    expect(specs.replaceGraph).toHaveBeenCalledTimes(1);
    expect(specs.replaceGraph).toHaveBeenCalledWith(
      spec.id,
      { nodes: [], edges: [] },
      'user:default/alice',
      { ifGraph: current },
    );
  });

  it('pulls images from the configured registry, else from the default one', async () => {
    const configured = serviceWith(exampleSpecGraph(), 'registry.local/iot');
    const unconfigured = serviceWith(exampleSpecGraph());

    const { fileName, manifests } =
      await configured.service.kubernetesManifests(spec.id);
    const fallback = await unconfigured.service.kubernetesManifests(spec.id);

    expect(fileName).toBe('smart-parking-standard.k8s.yaml');
    expect(manifests).toContain(
      'image: registry.local/iot/parking-server:1.4.2',
    );
    expect(fallback.manifests).toContain(
      `image: ${DEFAULT_IMAGE_REGISTRY}/parking-server:1.4.2`,
    );
  });
});
