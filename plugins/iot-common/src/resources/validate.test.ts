import { SpecGraph, specGraphSchema } from '../apps';
import { exampleSpecGraph } from './example';
import {
  SPEC_GRAPH_LIMITS,
  SpecGraphImage,
  validateSpecGraph,
} from './validate';

const OWNER = 'group:default/acme';

function withNode(
  graph: SpecGraph,
  id: string,
  update: (properties: Record<string, unknown>) => Record<string, unknown>,
): SpecGraph {
  return {
    ...graph,
    nodes: graph.nodes.map(n =>
      n.id === id ? { ...n, properties: update(n.properties) } : n,
    ),
  };
}

function problemsOf(
  graph: unknown,
  context?: Parameters<typeof validateSpecGraph>[1],
) {
  return validateSpecGraph(graph, context).problems;
}

describe('validateSpecGraph', () => {
  it('accepts the example graph', () => {
    expect(problemsOf(exampleSpecGraph())).toEqual([]);
  });

  describe('graph', () => {
    it('schema: refuses a malformed graph, naming the element', () => {
      expect(
        problemsOf({
          nodes: [{ id: 'a b', type: 'vpc', properties: {} }],
          edges: [],
        }),
      ).toEqual([
        {
          nodeId: 'a b',
          rule: 'schema',
          code: 'graph-malformed',
          params: {
            detail: 'must be 1-64 letters, digits, _ or -',
            path: 'nodes[0].id',
          },
          message:
            'the graph is malformed: nodes[0].id: must be 1-64 letters, digits, _ or -; send { nodes: [{ id, type, properties }], edges: [{ source, target }] }',
        },
      ]);
      expect(problemsOf(null)).toEqual([
        {
          rule: 'schema',
          code: 'graph-malformed',
          params: {
            detail: 'Invalid input: expected object, received null',
            path: 'the graph',
          },
          message:
            'the graph is malformed: the graph: Invalid input: expected object, received null; send { nodes: [{ id, type, properties }], edges: [{ source, target }] }',
        },
      ]);
    });

    it('graph-size: refuses more nodes and edges than a spec may have', () => {
      expect(
        problemsOf(exampleSpecGraph(), {
          limits: { maxNodes: 8, maxEdges: 10 },
        }),
      ).toEqual([
        {
          rule: 'graph-size',
          code: 'too-many-nodes',
          params: { count: 9, max: 8 },
          message:
            'the graph has 9 nodes, more than the 8 a spec may have; split it into several specs',
        },
        {
          rule: 'graph-size',
          code: 'too-many-edges',
          params: { count: 11, max: 10 },
          message:
            'the graph has 11 edges, more than the 10 a spec may have; split it into several specs',
        },
      ]);
    });

    it('graph-size: has the limits of a stored graph by default', () => {
      const graph = (nodes: number, edges: number) => ({
        nodes: Array.from({ length: nodes }, (_, i) => ({
          id: `n${i}`,
          type: 'object-storage',
          properties: { name: `bucket-${i}` },
        })),
        edges: Array.from({ length: edges }, () => ({
          source: 'n0',
          target: 'n1',
        })),
      });
      const { maxNodes, maxEdges } = SPEC_GRAPH_LIMITS;
      expect(specGraphSchema.safeParse(graph(maxNodes, maxEdges)).success).toBe(
        true,
      );
      expect(specGraphSchema.safeParse(graph(maxNodes + 1, 0)).success).toBe(
        false,
      );
      expect(specGraphSchema.safeParse(graph(2, maxEdges + 1)).success).toBe(
        false,
      );
      expect(problemsOf(graph(maxNodes + 1, 0)).map(p => p.message)).toEqual([
        `the graph has ${
          maxNodes + 1
        } nodes, more than the ${maxNodes} a spec may have; split it into several specs`,
      ]);
    });

    it('duplicate-id: refuses two nodes with one id', () => {
      const graph = exampleSpecGraph();
      graph.nodes.push({
        id: 'eip',
        type: 'eip',
        properties: { name: 'other-eip' },
      });
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'eip',
          rule: 'duplicate-id',
          code: 'duplicate-id',
          params: {},
          message:
            "node id 'eip' is used by more than one node; give each node its own id",
        },
      ]);
    });

    it('unknown-type: refuses types the registry does not know', () => {
      const graph = exampleSpecGraph();
      graph.nodes.push({ id: 'q', type: 'queue', properties: { name: 'q' } });
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'q',
          rule: 'unknown-type',
          code: 'unknown-type',
          params: { type: 'queue' },
          message:
            "node 'q' has the unknown type 'queue'; use one of vpc, subnet, security-group, eip, load-balancer, dns-record, container-cluster, node-pool, container-workload, vm, rds, cache, object-storage, iot-device-access",
        },
      ]);
    });
  });

  describe('properties', () => {
    it('property-required: names the missing property', () => {
      const graph = withNode(
        exampleSpecGraph(),
        'pool',
        ({ name: _, ...rest }) => rest,
      );
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'pool',
          property: 'name',
          rule: 'property-required',
          code: 'property-required',
          params: {},
          message:
            "node 'pool' (Node pool): property 'name' is required; set it in the property panel",
        },
      ]);
    });

    it('property-type: names the expected type and the value', () => {
      const graph = withNode(exampleSpecGraph(), 'pool', p => ({
        ...p,
        count: 'three',
      }));
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'pool',
          property: 'count',
          rule: 'property-type',
          code: 'property-type',
          params: { expected: 'number', got: '"three"' },
          message: `node 'pool' (Node pool): property 'count' must be a number (got "three")`,
        },
      ]);
    });

    it('property-range: names the bound and the value', () => {
      const graph = withNode(
        withNode(exampleSpecGraph(), 'pool', p => ({ ...p, count: 60 })),
        'server',
        p => ({ ...p, ports: [{ containerPort: 70000 }], env: [] }),
      );
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'pool',
          property: 'count',
          rule: 'property-range',
          code: 'number-too-large',
          params: { got: '60', max: 50 },
          message:
            "node 'pool' (Node pool): property 'count' must be at most 50 (got 60)",
        },
        {
          nodeId: 'server',
          property: 'ports[0].containerPort',
          rule: 'property-range',
          code: 'number-too-large',
          params: { got: '70000', max: 65535 },
          message:
            "node 'server' (Container workload): property 'ports[0].containerPort' must be at most 65535 (got 70000)",
        },
      ]);
    });

    it('property-step: names the step', () => {
      const graph = withNode(exampleSpecGraph(), 'db', p => ({
        ...p,
        volumeGiB: 45,
      }));
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'db',
          property: 'volumeGiB',
          rule: 'property-step',
          code: 'number-step',
          params: { divisor: 10, got: '45' },
          message:
            "node 'db' (Relational database): property 'volumeGiB' must be a multiple of 10 (got 45)",
        },
      ]);
    });

    it('property-enum: lists the choices', () => {
      const graph = withNode(exampleSpecGraph(), 'pool', p => ({
        ...p,
        flavour: 'x9.huge',
      }));
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'pool',
          property: 'flavour',
          rule: 'property-enum',
          code: 'value-not-offered',
          params: {
            got: '"x9.huge"',
            values: [
              '"s7.large.2"',
              '"s7.xlarge.2"',
              '"c7.large.2"',
              '"c7.xlarge.2"',
              '"c7.2xlarge.2"',
              '"m7.large.8"',
            ],
          },
          message: `node 'pool' (Node pool): property 'flavour' must be one of "s7.large.2", "s7.xlarge.2", "c7.large.2", "c7.xlarge.2", "c7.2xlarge.2", "m7.large.8" (got "x9.huge")`,
        },
      ]);
    });

    it('property-format: says what the format is, also across properties', () => {
      const graph = exampleSpecGraph();
      graph.nodes[0].properties.cidr = '10.0.0.0/33';
      graph.nodes.push({
        id: 'www',
        type: 'dns-record',
        properties: { name: 'www.example.org', zone: 'example.com' },
      });
      graph.edges.push({ source: 'www', target: 'eip' });
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'vpc',
          property: 'cidr',
          rule: 'property-format',
          code: 'format',
          params: { format: 'cidr', got: '"10.0.0.0/33"' },
          message: `node 'vpc' (VPC): property 'cidr' must be an IPv4 CIDR block such as 192.168.0.0/16 (got "10.0.0.0/33")`,
        },
        {
          nodeId: 'www',
          property: 'name',
          rule: 'property-format',
          code: 'not-in-zone',
          params: { got: '"www.example.org"', zone: 'example.com' },
          message: `node 'www' (DNS record): property 'name' must be in the zone example.com, e.g. app.example.com (got "www.example.org")`,
        },
      ]);
    });

    it('property-unique: refuses the same port twice', () => {
      const graph = withNode(exampleSpecGraph(), 'lb', p => ({
        ...p,
        listeners: [
          { port: 80, backendPort: 8080 },
          { protocol: 'TCP', port: 80, backendPort: 8081 },
        ],
      }));
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'lb',
          property: 'listeners[1].port',
          rule: 'property-unique',
          code: 'duplicate-listener-port',
          params: { first: 1, got: '80' },
          message:
            "node 'lb' (Load balancer): property 'listeners[1].port' is already used by listener 1 (got 80); give each listener its own port",
        },
      ]);
    });

    it('property-unknown: refuses properties the type does not have, but keeps x- properties', () => {
      const graph = withNode(exampleSpecGraph(), 'vpc', p => ({
        ...p,
        cidrr: '10.0.0.0/8',
        'x-sandbox': { fail: true },
      }));
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'vpc',
          property: 'cidrr',
          rule: 'property-unknown',
          code: 'property-unknown',
          params: {},
          message:
            "node 'vpc' (VPC): property 'cidrr' is not a property of a VPC; remove it (tools keep their own data in x- properties)",
        },
      ]);
    });

    it('gives each property problem a code and the values its wording needs', () => {
      const graph = withNode(
        withNode(
          withNode(exampleSpecGraph(), 'pool', p => ({ ...p, name: 'Pool_1' })),
          'lb',
          p => ({ ...p, listeners: [] }),
        ),
        'server',
        p => ({ ...p, env: [{ name: 'A' }, { name: 'A' }] }),
      );
      graph.nodes.push({
        id: 'iot',
        type: 'iot-device-access',
        properties: { name: 'iot', protocols: ['MQTT', 'MQTT'] },
      });
      const texts = problemsOf(graph).map(({ property, code, params }) => ({
        property,
        code,
        params,
      }));
      expect(texts).toEqual([
        {
          property: 'name',
          code: 'format',
          params: { format: 'kubernetes-name', got: '"Pool_1"' },
        },
        {
          property: 'env[1].name',
          code: 'duplicate-variable',
          params: { first: 1, got: '"A"' },
        },
        { property: 'listeners', code: 'list-empty', params: { got: '[]' } },
        {
          property: 'protocols[1]',
          code: 'duplicate-protocol',
          params: { first: 1, got: '"MQTT"' },
        },
      ]);
    });
  });

  describe('edges', () => {
    it('edge-unknown-node: refuses edges to nodes that are not there', () => {
      const graph = exampleSpecGraph();
      graph.edges.push({ source: 'server', target: 'cache' });
      expect(problemsOf(graph)).toEqual([
        {
          edge: { source: 'server', target: 'cache' },
          rule: 'edge-unknown-node',
          code: 'edge-unknown-node',
          params: { missing: 'cache' },
          message:
            "edge server → cache: there is no node 'cache'; remove the edge",
        },
      ]);
    });

    it('self-loop: refuses a node depending on itself', () => {
      const graph = exampleSpecGraph();
      graph.edges.push({ source: 'server', target: 'server' });
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'server',
          edge: { source: 'server', target: 'server' },
          rule: 'self-loop',
          code: 'self-loop',
          params: {},
          message:
            'edge server → server: a node cannot depend on itself; remove the edge',
        },
      ]);
    });

    it('duplicate-edge: refuses the same edge twice', () => {
      const graph = exampleSpecGraph();
      graph.edges.push({ source: 'pool', target: 'cluster' });
      expect(problemsOf(graph)).toEqual([
        {
          edge: { source: 'pool', target: 'cluster' },
          rule: 'duplicate-edge',
          code: 'duplicate-edge',
          params: {},
          message: 'edge pool → cluster is there twice; remove one',
        },
      ]);
    });

    it('edge-not-allowed: says what the type may depend on, and suggests the reverse edge', () => {
      const graph = exampleSpecGraph();
      graph.nodes.push({
        id: 'bucket',
        type: 'object-storage',
        properties: { name: 'parking-files' },
      });
      graph.edges.push({ source: 'eip', target: 'vpc' });
      graph.edges.push({ source: 'bucket', target: 'server' });
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'eip',
          edge: { source: 'eip', target: 'vpc' },
          rule: 'edge-not-allowed',
          code: 'edge-not-allowed',
          params: {
            allowed: [],
            reverse: false,
            sourceType: 'eip',
            targetType: 'vpc',
          },
          message:
            'edge eip → vpc: an Elastic IP cannot depend on a VPC; it depends on nothing. Remove the edge.',
        },
        {
          nodeId: 'bucket',
          edge: { source: 'bucket', target: 'server' },
          rule: 'edge-not-allowed',
          code: 'edge-not-allowed',
          params: {
            allowed: [],
            reverse: true,
            sourceType: 'object-storage',
            targetType: 'container-workload',
          },
          message:
            'edge bucket → server: an Object storage bucket cannot depend on a Container workload; it depends on nothing. Remove the edge. Edges point from a resource to what it needs: did you mean server → bucket?',
        },
      ]);
    });

    it('missing-dependency: names the type to depend on', () => {
      const graph = exampleSpecGraph();
      graph.edges = graph.edges.filter(e => e.source !== 'pool');
      graph.nodes.push({
        id: 'www',
        type: 'dns-record',
        properties: { name: 'parking.example.com', zone: 'example.com' },
      });
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'pool',
          rule: 'missing-dependency',
          code: 'missing-dependency',
          params: { type: 'container-cluster' },
          message:
            "node 'pool' (Node pool) must depend on a Container cluster; draw an edge from it to one",
        },
        {
          nodeId: 'www',
          rule: 'missing-dependency',
          code: 'missing-dependency-one-of',
          params: { types: ['eip', 'load-balancer', 'vm'] },
          message:
            "node 'www' (DNS record) must depend on one of: Elastic IP, Load balancer, Virtual machine; draw an edge from it to one",
        },
      ]);
    });

    it('too-many-dependencies: refuses a subnet in two VPCs', () => {
      const graph = exampleSpecGraph();
      graph.nodes.push({
        id: 'vpc2',
        type: 'vpc',
        properties: { name: 'other-vpc' },
      });
      graph.edges.push({ source: 'subnet', target: 'vpc2' });
      expect(problemsOf(graph)).toEqual([
        {
          nodeId: 'subnet',
          rule: 'too-many-dependencies',
          code: 'too-many-dependencies',
          params: { targets: ['vpc', 'vpc2'], type: 'vpc' },
          message:
            "node 'subnet' (Subnet) depends on 2 nodes of type VPC (vpc, vpc2) but may depend on only one; remove the other edges",
        },
      ]);
    });

    it('cycle: reports each cycle with its nodes in edge order', () => {
      const graph = exampleSpecGraph();
      graph.nodes.push(
        {
          id: 'worker',
          type: 'container-workload',
          properties: {
            name: 'worker',
            image: { name: 'parking-server', version: '1.4.2' },
          },
        },
        {
          id: 'a',
          type: 'vm',
          properties: { name: 'a', image: { name: 'gw', version: '1' } },
        },
        {
          id: 'b',
          type: 'vm',
          properties: { name: 'b', image: { name: 'gw', version: '1' } },
        },
        {
          id: 'c',
          type: 'vm',
          properties: { name: 'c', image: { name: 'gw', version: '1' } },
        },
      );
      graph.edges.push(
        { source: 'worker', target: 'pool' },
        { source: 'worker', target: 'server' },
        { source: 'server', target: 'worker' },
        { source: 'a', target: 'subnet' },
        { source: 'b', target: 'subnet' },
        { source: 'c', target: 'subnet' },
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'a' },
      );
      expect(problemsOf(graph)).toEqual([
        {
          nodeIds: ['server', 'worker'],
          rule: 'cycle',
          code: 'cycle',
          params: {},
          message:
            'nodes server → worker → server depend on each other in a cycle; remove one of these edges',
        },
        {
          nodeIds: ['a', 'b', 'c'],
          rule: 'cycle',
          code: 'cycle',
          params: {},
          message:
            'nodes a → b → c → a depend on each other in a cycle; remove one of these edges',
        },
      ]);
    });
  });

  it('duplicate-name: refuses two resources of a type with one name', () => {
    const graph = exampleSpecGraph();
    graph.nodes.push(
      { id: 'vpc2', type: 'vpc', properties: { name: 'parking-vpc' } },
      // Another type may use the name.
      { id: 'eip2', type: 'eip', properties: { name: 'parking-vpc' } },
    );
    expect(problemsOf(graph)).toEqual([
      {
        nodeId: 'vpc2',
        property: 'name',
        rule: 'duplicate-name',
        code: 'duplicate-name',
        params: { first: 'vpc', name: 'parking-vpc' },
        message:
          "node 'vpc2' (VPC): name 'parking-vpc' is already used by node 'vpc'; give each VPC its own name",
      },
    ]);
  });

  describe('images', () => {
    const image = (
      overrides: Partial<SpecGraphImage> = {},
    ): SpecGraphImage => ({
      name: 'parking-server',
      version: '1.4.2',
      kind: 'docker',
      status: 'succeeded',
      owner: OWNER,
      ...overrides,
    });
    const imageProblems = (images: SpecGraphImage[]) =>
      problemsOf(exampleSpecGraph(), { images, owner: OWNER });

    it('accepts an uploaded image of the group', () => {
      expect(imageProblems([image({ version: '1.4.1' }), image()])).toEqual([]);
    });

    it('checks images only when given them', () => {
      expect(problemsOf(exampleSpecGraph(), { owner: OWNER })).toEqual([]);
    });

    it('image-missing: refuses an image that was never uploaded', () => {
      expect(imageProblems([image({ name: 'other' })])).toEqual([
        {
          nodeId: 'server',
          property: 'image',
          rule: 'image-missing',
          code: 'image-missing',
          params: { image: 'parking-server' },
          message:
            "node 'server' (Container workload): image 'parking-server' does not exist; upload it on the Images page or choose an uploaded image",
        },
      ]);
    });

    it('image-owner: refuses an image of another group, without listing its versions', () => {
      expect(imageProblems([image({ owner: 'group:default/other' })])).toEqual([
        {
          nodeId: 'server',
          property: 'image',
          rule: 'image-owner',
          code: 'image-owner',
          params: { image: 'parking-server' },
          message:
            "node 'server' (Container workload): image 'parking-server' belongs to another group; choose an image your group uploaded",
        },
      ]);
      expect(
        problemsOf(exampleSpecGraph(), {
          images: [image({ owner: 'group:default/other' })],
        }),
      ).toEqual([]);
    });

    it('image-kind: refuses a VM image for a workload', () => {
      expect(imageProblems([image({ kind: 'vm' })])).toEqual([
        {
          nodeId: 'server',
          property: 'image',
          rule: 'image-kind',
          code: 'image-kind',
          params: { actual: 'vm', image: 'parking-server', wanted: 'docker' },
          message:
            "node 'server' (Container workload): image 'parking-server' is a VM image; a Container workload runs a Docker image, choose one",
        },
      ]);
    });

    it('image-version-missing: lists the versions there are', () => {
      expect(
        imageProblems([
          image({ version: '1.4.1' }),
          image({ version: '1.5.0' }),
          image({ version: '1.5.1', status: 'failed' }),
        ]),
      ).toEqual([
        {
          nodeId: 'server',
          property: 'image',
          rule: 'image-version-missing',
          code: 'image-version-missing',
          params: {
            image: 'parking-server',
            known: ['1.4.1', '1.5.0'],
            version: '1.4.2',
          },
          message:
            "node 'server' (Container workload): image 'parking-server' has no version '1.4.2'; choose one of 1.4.1, 1.5.0 or upload that version",
        },
      ]);
    });

    it('image-not-ready: refuses versions still uploading or failed', () => {
      expect(imageProblems([image({ status: 'uploading' })])).toEqual([
        {
          nodeId: 'server',
          property: 'image',
          rule: 'image-not-ready',
          code: 'image-uploading',
          params: { image: 'parking-server', version: '1.4.2' },
          message:
            "node 'server' (Container workload): image 'parking-server' version '1.4.2' is still uploading; save again once its upload has succeeded",
        },
      ]);
      expect(imageProblems([image({ status: 'failed' })])).toEqual([
        {
          nodeId: 'server',
          property: 'image',
          rule: 'image-not-ready',
          code: 'image-upload-failed',
          params: { image: 'parking-server', version: '1.4.2' },
          message:
            "node 'server' (Container workload): the upload of image 'parking-server' version '1.4.2' failed; upload it again or choose another version",
        },
      ]);
    });

    it('checks the image even when other properties are invalid', () => {
      const graph = withNode(exampleSpecGraph(), 'server', p => ({
        ...p,
        replicas: 0,
      }));
      expect(
        problemsOf(graph, { images: [], owner: OWNER }).map(p => p.rule),
      ).toEqual(['property-range', 'image-missing']);
    });

    it('image-kind: refuses a Docker image for a VM', () => {
      const graph = exampleSpecGraph();
      graph.nodes.push({
        id: 'gw',
        type: 'vm',
        properties: {
          name: 'gateway',
          image: { name: 'parking-server', version: '1.4.2' },
        },
      });
      graph.edges.push({ source: 'gw', target: 'subnet' });
      expect(problemsOf(graph, { images: [image()] })).toEqual([
        {
          nodeId: 'gw',
          property: 'image',
          rule: 'image-kind',
          code: 'image-kind',
          params: { actual: 'docker', image: 'parking-server', wanted: 'vm' },
          message:
            "node 'gw' (Virtual machine): image 'parking-server' is a Docker image; a Virtual machine runs a VM image, choose one",
        },
      ]);
    });
  });

  it('reports every problem at once', () => {
    const graph = withNode(exampleSpecGraph(), 'pool', p => ({
      ...p,
      count: 0,
    }));
    graph.edges.push(
      { source: 'eip', target: 'nowhere' },
      { source: 'vpc', target: 'vpc' },
    );
    expect(problemsOf(graph).map(p => p.rule)).toEqual([
      'property-range',
      'edge-unknown-node',
      'self-loop',
    ]);
  });
});
