import { listResourceTypes, RESOURCE_TYPES } from './registry';
import {
  BILLING_MODES,
  RESOURCE_CATEGORIES,
  RESOURCE_TYPE_IDS,
  ResourceTypeId,
} from './types';

/** The least each type needs: its required properties. */
const MINIMAL: Record<ResourceTypeId, Record<string, unknown>> = {
  vpc: { name: 'vpc-a' },
  subnet: { name: 'subnet-a' },
  'security-group': { name: 'sg-a' },
  eip: { name: 'eip-a' },
  'load-balancer': { name: 'lb-a' },
  'dns-record': { name: 'www.example.com', zone: 'example.com' },
  'container-cluster': { name: 'cluster-a' },
  'node-pool': { name: 'pool-a' },
  'container-workload': {
    name: 'server',
    image: { name: 'parking-server', version: '1.4.2' },
  },
  vm: { name: 'vm-a', image: { name: 'gateway', version: '2.0' } },
  rds: { name: 'db-a' },
  cache: { name: 'cache-a' },
  'object-storage': { name: 'bucket-a' },
  'iot-device-access': { name: 'iot-a' },
};

/** What the minimal properties become: every default. */
const DEFAULTS: Record<ResourceTypeId, Record<string, unknown>> = {
  vpc: { name: 'vpc-a', cidr: '192.168.0.0/16' },
  subnet: {
    name: 'subnet-a',
    cidr: '192.168.0.0/24',
    gatewayIp: '192.168.0.1',
    dhcpEnabled: true,
  },
  'security-group': { name: 'sg-a', description: '', rules: [] },
  eip: {
    name: 'eip-a',
    lineType: '5_bgp',
    bandwidthMbit: 5,
    billingMode: 'pay-per-use',
  },
  'load-balancer': {
    name: 'lb-a',
    flavour: 'elb.s1.small',
    listeners: [{ protocol: 'HTTP', port: 80, backendPort: 8080 }],
    billingMode: 'pay-per-use',
  },
  'dns-record': { name: 'www.example.com', zone: 'example.com', ttl: 300 },
  'container-cluster': {
    name: 'cluster-a',
    flavour: 'cce.s1.small',
    kubernetesVersion: 'v1.30',
    networkMode: 'vpc-router',
    containerCidr: '172.16.0.0/16',
    billingMode: 'pay-per-use',
  },
  'node-pool': {
    name: 'pool-a',
    flavour: 'c7.large.2',
    count: 2,
    os: 'HCE OS 2.0',
    rootVolumeGiB: 50,
    dataVolumeGiB: 100,
    billingMode: 'pay-per-use',
  },
  'container-workload': {
    name: 'server',
    namespace: 'default',
    image: { name: 'parking-server', version: '1.4.2' },
    replicas: 1,
    cpu: 0.5,
    memoryMiB: 512,
    ports: [],
    env: [],
  },
  vm: {
    name: 'vm-a',
    image: { name: 'gateway', version: '2.0' },
    flavour: 's7.large.2',
    systemDiskType: 'GPSSD',
    systemDiskGiB: 40,
    billingMode: 'pay-per-use',
  },
  rds: {
    name: 'db-a',
    engine: 'mysql-8.0',
    flavour: 'rds.n1.large.2',
    haMode: 'single',
    volumeGiB: 40,
    backupDays: 7,
    billingMode: 'pay-per-use',
  },
  cache: {
    name: 'cache-a',
    engineVersion: 'redis-6.0',
    flavour: 'redis.single.1g',
    billingMode: 'pay-per-use',
  },
  'object-storage': {
    name: 'bucket-a',
    storageClass: 'STANDARD',
    acl: 'private',
    versioning: false,
  },
  'iot-device-access': {
    name: 'iot-a',
    flavour: 'iotda.standard.su1',
    units: 1,
    protocols: ['MQTT'],
    billingMode: 'pay-per-use',
  },
};

/** Per type: a property, a value in range and values out of range. */
const RANGES: [ResourceTypeId, string, unknown, unknown[]][] = [
  ['vpc', 'cidr', '10.0.0.0/8', ['10.0.0.0/33', '10.0.0.0']],
  ['subnet', 'gatewayIp', '10.0.0.1', ['10.0.0.256']],
  [
    'security-group',
    'rules',
    [{ port: 443 }],
    [[{ port: 0 }], [{ port: 65536 }]],
  ],
  ['eip', 'bandwidthMbit', 2000, [0, 2001, 1.5]],
  ['load-balancer', 'listeners', [{ port: 443, backendPort: 8443 }], [[]]],
  ['dns-record', 'ttl', 604800, [0, 604801]],
  ['container-cluster', 'kubernetesVersion', 'v1.28', ['v1.27']],
  ['node-pool', 'count', 50, [0, 51]],
  ['node-pool', 'dataVolumeGiB', 100, [99, 32769]],
  ['container-workload', 'replicas', 100, [0, 101]],
  ['container-workload', 'cpu', 0.2, [0, 0.05, 65]],
  ['container-workload', 'memoryMiB', 64, [63, 262145]],
  ['vm', 'systemDiskGiB', 1024, [39, 1025]],
  ['rds', 'volumeGiB', 4000, [30, 45, 4010]],
  ['rds', 'backupDays', 732, [0, 733]],
  ['cache', 'flavour', 'redis.cluster.16g', ['redis.huge']],
  ['object-storage', 'name', 'abc', ['ab', 'Bucket', '-bucket']],
  ['iot-device-access', 'units', 100, [0, 101]],
  ['iot-device-access', 'protocols', ['MQTT', 'CoAP'], [[], ['MQTT', 'MQTT']]],
];

describe('resource type registry', () => {
  it('defines every type of the palette, keyed by its id', () => {
    expect(Object.keys(RESOURCE_TYPES)).toEqual([...RESOURCE_TYPE_IDS]);
    for (const id of RESOURCE_TYPE_IDS) {
      const type = RESOURCE_TYPES[id];
      expect(type.id).toBe(id);
      expect(type.label).toMatch(/^[A-Z]/);
      expect(type.labelZh).toMatch(/[\u4e00-\u9fff]/);
      expect(type.icon).toMatch(/^[a-z-]+$/);
      expect(RESOURCE_CATEGORIES).toContain(type.category);
      expect(type.createSeconds).toBeGreaterThan(0);
      expect(type.deleteSeconds).toBeGreaterThan(0);
      expect(type.outputs.length).toBeGreaterThan(0);
    }
  });

  it('has coherent dependency rules', () => {
    for (const type of Object.values(RESOURCE_TYPES)) {
      for (const list of [type.requires, type.requiresOneOf, type.atMostOne]) {
        for (const id of list) expect(type.allows).toContain(id);
      }
      for (const id of type.allows) {
        expect(RESOURCE_TYPE_IDS).toContain(id);
      }
    }
    expect(RESOURCE_TYPES.subnet.requires).toEqual(['vpc']);
    expect(RESOURCE_TYPES['security-group'].requires).toEqual(['vpc']);
    expect(RESOURCE_TYPES['container-cluster'].requires).toEqual(['subnet']);
    expect(RESOURCE_TYPES['node-pool'].requires).toEqual(['container-cluster']);
    expect(RESOURCE_TYPES['container-workload'].requires).toEqual([
      'node-pool',
    ]);
    expect(RESOURCE_TYPES['load-balancer'].allows).toEqual(
      expect.arrayContaining(['eip', 'container-workload', 'vm']),
    );
  });

  it('keeps billing data consistent with the property schemas', () => {
    const inconsistencies: string[] = [];
    for (const type of Object.values(RESOURCE_TYPES)) {
      const parsed = type.propertySchema.parse(MINIMAL[type.id]);
      const { billing } = type;
      const flavourIds = billing.flavours.map(f => f.id);
      const check = (ok: boolean, what: string) => {
        if (!ok) inconsistencies.push(`${type.id}: ${what}`);
      };
      check(billing.modes.length > 0, 'no billing mode');
      check(
        billing.modes.every(mode => mode in BILLING_MODES),
        'unknown billing mode',
      );
      // A choice of modes is a property; a single mode is implied.
      check(
        parsed.billingMode ===
          (billing.modes.length > 1 ? billing.modes[0] : undefined),
        'billingMode property does not match the modes',
      );
      check(
        !billing.flavourProperty ||
          flavourIds.includes(parsed[billing.flavourProperty] as string),
        'default flavour is not a flavour',
      );
      check(
        !billing.quantityProperty ||
          typeof parsed[billing.quantityProperty] === 'number',
        'quantity is not a number',
      );
      check(
        type.keyProperties.every(key => key in parsed),
        'key property missing',
      );
      check(!type.imageKind || parsed.image !== undefined, 'no image property');
    }
    expect(inconsistencies).toEqual([]);
  });

  it.each(RESOURCE_TYPE_IDS)('fills in the defaults of %s', id => {
    expect(RESOURCE_TYPES[id].propertySchema.parse(MINIMAL[id])).toEqual(
      DEFAULTS[id],
    );
  });

  it.each(RESOURCE_TYPE_IDS)('requires the name of %s', id => {
    const { name: _name, ...rest } = MINIMAL[id];
    const result = RESOURCE_TYPES[id].propertySchema.safeParse(rest);
    expect(result.success).toBe(false);
  });

  it.each(RANGES)('checks the range of %s.%s', (id, property, ok, bad) => {
    const schema = RESOURCE_TYPES[id].propertySchema;
    expect(schema.safeParse({ ...MINIMAL[id], [property]: ok }).success).toBe(
      true,
    );
    for (const value of bad) {
      expect({
        value,
        success: schema.safeParse({ ...MINIMAL[id], [property]: value })
          .success,
      }).toEqual({ value, success: false });
    }
  });

  it('generates the JSON Schemas of GET /resource-types', () => {
    const { items } = listResourceTypes();
    expect(items.map(i => i.id)).toEqual([...RESOURCE_TYPE_IDS]);
    expect(JSON.parse(JSON.stringify(items))).toEqual(items);
    for (const item of items) {
      expect(item.propertySchema).toMatchObject({
        type: 'object',
        additionalProperties: false,
        patternProperties: { '^x-': {} },
      });
      expect(item.propertySchema.required).toContain('name');
      expect(item.propertySchema).not.toHaveProperty('$schema');
    }
    const pool = items.find(i => i.id === 'node-pool')!;
    expect(pool.propertySchema.required).toEqual(['name']);
    expect(pool.propertySchema.properties).toMatchObject({
      count: {
        type: 'integer',
        minimum: 1,
        maximum: 50,
        default: 2,
        title: 'Nodes',
        titleZh: '节点数',
      },
      flavour: {
        type: 'string',
        enum: [
          's7.large.2',
          's7.xlarge.2',
          'c7.large.2',
          'c7.xlarge.2',
          'c7.2xlarge.2',
          'm7.large.8',
        ],
        default: 'c7.large.2',
      },
      billingMode: {
        enum: ['pay-per-use', 'monthly', 'yearly'],
        default: 'pay-per-use',
      },
    });
    const workload = items.find(i => i.id === 'container-workload')!;
    expect(workload.propertySchema.required).toEqual(['name', 'image']);
    expect(workload.propertySchema.properties).toMatchObject({
      image: {
        type: 'object',
        required: ['name', 'version'],
        properties: { name: { type: 'string' }, version: { type: 'string' } },
      },
    });
    expect(listResourceTypes()).toBe(listResourceTypes());
  });
});
