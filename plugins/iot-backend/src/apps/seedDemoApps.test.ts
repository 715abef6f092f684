import {
  imagesOfGraph,
  planSpecGraph,
  SpecGraphImage,
  validateSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { demoApps } from './seedDemoApps';

/** The versions seedDemoImages uploads. */
const demoImages: SpecGraphImage[] = [
  {
    name: 'parking-server',
    version: '1.4.2',
    kind: 'docker',
    status: 'succeeded',
    owner: 'group:default/isv-acme',
  },
  {
    name: 'energy-collector',
    version: '2.0.0',
    kind: 'vm',
    status: 'succeeded',
    owner: 'group:default/isv-globex',
  },
];

describe('demoApps', () => {
  const specs = demoApps().flatMap(demo =>
    demo.specs.map(({ spec, graph }) => ({
      name: spec.name,
      owner: demo.ownerRef,
      graph,
    })),
  );

  it.each(specs.map(spec => [spec.name, spec] as const))(
    'seeds %s with a graph that passes validation against the demo images',
    (_name, { owner, graph }) => {
      expect(
        validateSpecGraph(graph, { images: demoImages, owner }).problems,
      ).toEqual([]);
    },
  );

  it('deploys each group its own demo image', () => {
    expect(specs.map(spec => [spec.owner, imagesOfGraph(spec.graph)])).toEqual([
      [
        'group:default/isv-acme',
        [{ name: 'parking-server', version: '1.4.2' }],
      ],
      [
        'group:default/isv-globex',
        [{ name: 'energy-collector', version: '2.0.0' }],
      ],
    ]);
  });

  it.each(specs.map(spec => [spec.name, spec] as const))(
    'lays %s out left to right by dependency level, one row per node of a level',
    (_name, { graph }) => {
      const position = new Map(
        graph.nodes.map(node => [node.id, node.position!]),
      );
      const { levels } = planSpecGraph(graph);

      expect(graph.nodes.every(node => node.position)).toBe(true);
      for (const edge of graph.edges) {
        expect(position.get(edge.source)!.x).toBeGreaterThan(
          position.get(edge.target)!.x,
        );
      }
      for (const level of levels) {
        const ys = level.map(id => position.get(id)!.y);
        expect(new Set(ys).size).toBe(ys.length);
      }
    },
  );
});
