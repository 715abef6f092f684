import { exampleSpecGraph } from './example';
import {
  InvalidSpecGraphError,
  planSpecGraph,
  resourceConfirmationTable,
} from './plan';

describe('planSpecGraph', () => {
  it('groups resources into parallel levels', () => {
    const plan = planSpecGraph(exampleSpecGraph());
    expect(plan.levels).toEqual([
      ['vpc', 'eip'],
      ['subnet', 'sg'],
      ['cluster', 'db'],
      ['pool'],
      ['server'],
      ['lb'],
    ]);
    expect(plan.installOrder).toEqual([
      'vpc',
      'eip',
      'subnet',
      'sg',
      'cluster',
      'db',
      'pool',
      'server',
      'lb',
    ]);
    expect(plan.resources.map(r => r.nodeId)).toEqual(plan.installOrder);
  });

  it('uninstalls dependants before what they depend on', () => {
    const plan = planSpecGraph(exampleSpecGraph());
    expect(plan.uninstallOrder).toEqual([
      'lb',
      'server',
      'pool',
      'db',
      'cluster',
      'sg',
      'subnet',
      'eip',
      'vpc',
    ]);
    const position = new Map(plan.uninstallOrder.map((id, i) => [id, i]));
    for (const { source, target } of exampleSpecGraph().edges) {
      expect(position.get(source)!).toBeLessThan(position.get(target)!);
    }
  });

  it('finds the critical path by nominal create durations', () => {
    // vpc 3 s, subnet 5 s, database 600 s, workload 30 s, load balancer 60 s;
    // the cluster (300 s) and node pool (240 s) finish 60 s earlier.
    expect(planSpecGraph(exampleSpecGraph()).criticalPath).toEqual({
      nodeIds: ['vpc', 'subnet', 'db', 'server', 'lb'],
      seconds: 698,
    });
  });

  it('says per resource what will be created', () => {
    const plan = planSpecGraph(exampleSpecGraph());
    expect(plan.resources.find(r => r.nodeId === 'pool')).toEqual({
      nodeId: 'pool',
      type: 'node-pool',
      label: 'Node pool',
      labelZh: '节点池',
      name: 'parking-nodes',
      level: 3,
      dependsOn: ['cluster'],
      dependants: ['server'],
      flavour: {
        id: 'c7.xlarge.2',
        label: 'Compute c7, 4 vCPUs, 8 GiB',
        labelZh: '计算型 c7，4 vCPU，8 GiB',
        vcpus: 4,
        memoryGiB: 8,
        priceUnit: 'hour',
      },
      quantity: 3,
      billingMode: 'pay-per-use',
      keyProperties: {
        os: 'HCE OS 2.0',
        rootVolumeGiB: 50,
        dataVolumeGiB: 100,
      },
      properties: {
        name: 'parking-nodes',
        flavour: 'c7.xlarge.2',
        count: 3,
        os: 'HCE OS 2.0',
        rootVolumeGiB: 50,
        dataVolumeGiB: 100,
        billingMode: 'pay-per-use',
      },
      outputs: ['id', 'nodeAddresses'],
      createSeconds: 240,
      deleteSeconds: 120,
      startSeconds: 308,
      finishSeconds: 548,
    });
    const server = plan.resources.find(r => r.nodeId === 'server')!;
    expect(server).toMatchObject({
      flavour: null,
      quantity: 2,
      billingMode: 'free',
      keyProperties: {
        image: { name: 'parking-server', version: '1.4.2' },
        namespace: 'parking',
        cpu: 1,
        memoryMiB: 1024,
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
      },
      startSeconds: 608,
      finishSeconds: 638,
    });
  });

  it('keeps x- properties for the tools that set them', () => {
    const graph = exampleSpecGraph();
    graph.nodes[0].properties['x-sandbox'] = { fail: true };
    expect(planSpecGraph(graph).resources[0].properties).toEqual({
      name: 'parking-vpc',
      cidr: '192.168.0.0/16',
      'x-sandbox': { fail: true },
    });
  });

  it('plans the empty graph', () => {
    expect(planSpecGraph({ nodes: [], edges: [] })).toEqual({
      resources: [],
      levels: [],
      installOrder: [],
      uninstallOrder: [],
      criticalPath: { nodeIds: [], seconds: 0 },
    });
  });

  it('refuses a graph with problems, with every problem', () => {
    const graph = exampleSpecGraph();
    graph.edges.push({ source: 'server', target: 'lb' });
    let error: unknown;
    try {
      planSpecGraph(graph);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSpecGraphError);
    const { problems, message, name } = error as InvalidSpecGraphError;
    expect(name).toBe('InvalidSpecGraphError');
    expect(problems.map(p => p.rule)).toEqual(['edge-not-allowed', 'cycle']);
    expect(message).toBe(
      `the graph has 2 problems: ${problems[0].message} | ${problems[1].message}`,
    );
  });
});

describe('resourceConfirmationTable', () => {
  it('lists resource, flavour, quantity and billing mode in install order', () => {
    const graph = exampleSpecGraph();
    graph.nodes.find(n => n.id === 'db')!.properties.billingMode = 'monthly';
    const rows = resourceConfirmationTable(graph).map(row => ({
      ...row,
      flavour: row.flavour?.id ?? null,
    }));
    expect(rows).toEqual([
      {
        nodeId: 'vpc',
        type: 'vpc',
        resource: 'parking-vpc',
        typeLabel: 'VPC',
        typeLabelZh: '虚拟私有云',
        flavour: null,
        quantity: 1,
        billingMode: 'free',
      },
      {
        nodeId: 'eip',
        type: 'eip',
        resource: 'parking-eip',
        typeLabel: 'Elastic IP',
        typeLabelZh: '弹性公网IP',
        flavour: '5_bgp',
        quantity: 1,
        billingMode: 'pay-per-use',
      },
      {
        nodeId: 'subnet',
        type: 'subnet',
        resource: 'parking-subnet',
        typeLabel: 'Subnet',
        typeLabelZh: '子网',
        flavour: null,
        quantity: 1,
        billingMode: 'free',
      },
      {
        nodeId: 'sg',
        type: 'security-group',
        resource: 'parking-db-sg',
        typeLabel: 'Security group',
        typeLabelZh: '安全组',
        flavour: null,
        quantity: 1,
        billingMode: 'free',
      },
      {
        nodeId: 'cluster',
        type: 'container-cluster',
        resource: 'parking-cce',
        typeLabel: 'Container cluster',
        typeLabelZh: '云容器引擎集群',
        flavour: 'cce.s1.small',
        quantity: 1,
        billingMode: 'pay-per-use',
      },
      {
        nodeId: 'db',
        type: 'rds',
        resource: 'parking-db',
        typeLabel: 'Relational database',
        typeLabelZh: '云数据库 RDS',
        flavour: 'rds.n1.large.2',
        quantity: 1,
        billingMode: 'monthly',
      },
      {
        nodeId: 'pool',
        type: 'node-pool',
        resource: 'parking-nodes',
        typeLabel: 'Node pool',
        typeLabelZh: '节点池',
        flavour: 'c7.xlarge.2',
        quantity: 3,
        billingMode: 'pay-per-use',
      },
      {
        nodeId: 'server',
        type: 'container-workload',
        resource: 'parking-server',
        typeLabel: 'Container workload',
        typeLabelZh: '容器工作负载',
        flavour: null,
        quantity: 2,
        billingMode: 'free',
      },
      {
        nodeId: 'lb',
        type: 'load-balancer',
        resource: 'parking-elb',
        typeLabel: 'Load balancer',
        typeLabelZh: '弹性负载均衡',
        flavour: 'elb.s1.small',
        quantity: 1,
        billingMode: 'pay-per-use',
      },
    ]);
  });

  it('gives the flavour with its labels and sizes', () => {
    const rows = resourceConfirmationTable(exampleSpecGraph());
    expect(rows.find(r => r.nodeId === 'db')!.flavour).toEqual({
      id: 'rds.n1.large.2',
      label: '2 vCPUs, 4 GiB',
      labelZh: '2 vCPU，4 GiB',
      vcpus: 2,
      memoryGiB: 4,
      priceUnit: 'hour',
    });
  });
});
