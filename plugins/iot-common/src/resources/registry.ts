import { z } from 'zod/v4';
import {
  billingModeField,
  cidrBlock,
  cloudName,
  flavourField,
  imageRef,
  ipv4Address,
  kubernetesName,
  port,
  titled,
} from './fields';
import { PROPERTY_FORMATS, PropertyProblemText } from './problems';
import {
  Flavour,
  ListResourceTypesResponse,
  RESOURCE_TYPE_IDS,
  ResourceTypeDefinition,
  ResourceTypeId,
  ResourceTypeItem,
} from './types';

/*
 * The dependency model. An edge goes from a node to what it depends on
 * (`source` depends on `target`): the target is created first and deleted
 * last, and its outputs are there when the source is created.
 *
 * | type               | requires               | requires one of        | may also depend on                                   | at most one of            |
 * | ------------------ | ---------------------- | ---------------------- | ---------------------------------------------------- | ------------------------- |
 * | vpc                |                        |                        |                                                      |                           |
 * | subnet             | vpc                    |                        |                                                      | vpc                       |
 * | security-group     | vpc                    |                        |                                                      | vpc                       |
 * | eip                |                        |                        |                                                      |                           |
 * | load-balancer      | subnet                 |                        | eip, container-workload, vm (the backends it fronts) | subnet, eip               |
 * | dns-record         |                        | eip, load-balancer, vm |                                                      |                           |
 * | container-cluster  | subnet                 |                        | security-group                                       | subnet, security-group    |
 * | node-pool          | container-cluster      |                        | subnet, security-group                               | container-cluster, subnet |
 * | container-workload | node-pool              |                        | rds, cache, object-storage, iot-device-access,       | node-pool                 |
 * |                    |                        |                        | container-workload                                   |                           |
 * | vm                 | subnet                 |                        | security-group, eip, rds, cache, object-storage,     | subnet, eip               |
 * |                    |                        |                        | iot-device-access, vm                                |                           |
 * | rds                | subnet, security-group |                        |                                                      | subnet, security-group    |
 * | cache              | subnet                 |                        | security-group                                       | subnet, security-group    |
 * | object-storage     |                        |                        |                                                      |                           |
 * | iot-device-access  |                        |                        | object-storage (data forwarding)                     |                           |
 *
 * Why this way round:
 * - A load balancer depends on the backends it fronts, so it goes live once
 *   they run and is the first thing removed on uninstall: traffic stops
 *   before the backends go. It binds an EIP for a public address.
 * - A workload depends on the node pool it is scheduled on (its cluster is
 *   that pool's cluster): pods need nodes, and a cluster alone has none.
 * - Apps (workloads, VMs) depend on the services they use (database, cache,
 *   bucket, IoT device access): those exist, with their addresses and
 *   accounts, before the app starts.
 * - An RDS instance cannot be created without a security group.
 * - A DNS record depends on what it points at: an EIP, a load balancer or a VM.
 */

const ECS_FLAVOURS: readonly Flavour[] = [
  {
    id: 's7.large.2',
    label: 'General s7, 2 vCPUs, 4 GiB',
    labelZh: '通用型 s7，2 vCPU，4 GiB',
    vcpus: 2,
    memoryGiB: 4,
    priceUnit: 'hour',
  },
  {
    id: 's7.xlarge.2',
    label: 'General s7, 4 vCPUs, 8 GiB',
    labelZh: '通用型 s7，4 vCPU，8 GiB',
    vcpus: 4,
    memoryGiB: 8,
    priceUnit: 'hour',
  },
  {
    id: 'c7.large.2',
    label: 'Compute c7, 2 vCPUs, 4 GiB',
    labelZh: '计算型 c7，2 vCPU，4 GiB',
    vcpus: 2,
    memoryGiB: 4,
    priceUnit: 'hour',
  },
  {
    id: 'c7.xlarge.2',
    label: 'Compute c7, 4 vCPUs, 8 GiB',
    labelZh: '计算型 c7，4 vCPU，8 GiB',
    vcpus: 4,
    memoryGiB: 8,
    priceUnit: 'hour',
  },
  {
    id: 'c7.2xlarge.2',
    label: 'Compute c7, 8 vCPUs, 16 GiB',
    labelZh: '计算型 c7，8 vCPU，16 GiB',
    vcpus: 8,
    memoryGiB: 16,
    priceUnit: 'hour',
  },
  {
    id: 'm7.large.8',
    label: 'Memory m7, 2 vCPUs, 16 GiB',
    labelZh: '内存型 m7，2 vCPU，16 GiB',
    vcpus: 2,
    memoryGiB: 16,
    priceUnit: 'hour',
  },
];

const EIP_LINES: readonly Flavour[] = [
  {
    id: '5_bgp',
    label: 'Dynamic BGP',
    labelZh: '全动态BGP',
    priceUnit: 'Mbit/s-hour',
  },
  {
    id: '5_sbgp',
    label: 'Static BGP',
    labelZh: '静态BGP',
    priceUnit: 'Mbit/s-hour',
  },
];

const ELB_FLAVOURS: readonly Flavour[] = [
  {
    id: 'elb.s1.small',
    label: 'Small I (10,000 new connections/s)',
    labelZh: '小型 I（每秒新建连接 1 万）',
    priceUnit: 'hour',
  },
  {
    id: 'elb.s1.medium',
    label: 'Medium I (20,000 new connections/s)',
    labelZh: '中型 I（每秒新建连接 2 万）',
    priceUnit: 'hour',
  },
  {
    id: 'elb.s2.large',
    label: 'Large II (100,000 new connections/s)',
    labelZh: '大型 II（每秒新建连接 10 万）',
    priceUnit: 'hour',
  },
];

const CCE_FLAVOURS: readonly Flavour[] = [
  {
    id: 'cce.s1.small',
    label: 'One master, up to 50 nodes',
    labelZh: '单控制节点，最多 50 节点',
    priceUnit: 'hour',
  },
  {
    id: 'cce.s1.medium',
    label: 'One master, up to 200 nodes',
    labelZh: '单控制节点，最多 200 节点',
    priceUnit: 'hour',
  },
  {
    id: 'cce.s2.small',
    label: 'Three masters (HA), up to 50 nodes',
    labelZh: '三控制节点（高可用），最多 50 节点',
    priceUnit: 'hour',
  },
  {
    id: 'cce.s2.medium',
    label: 'Three masters (HA), up to 200 nodes',
    labelZh: '三控制节点（高可用），最多 200 节点',
    priceUnit: 'hour',
  },
];

const RDS_FLAVOURS: readonly Flavour[] = [
  {
    id: 'rds.n1.large.2',
    label: '2 vCPUs, 4 GiB',
    labelZh: '2 vCPU，4 GiB',
    vcpus: 2,
    memoryGiB: 4,
    priceUnit: 'hour',
  },
  {
    id: 'rds.n1.xlarge.2',
    label: '4 vCPUs, 8 GiB',
    labelZh: '4 vCPU，8 GiB',
    vcpus: 4,
    memoryGiB: 8,
    priceUnit: 'hour',
  },
  {
    id: 'rds.n1.2xlarge.2',
    label: '8 vCPUs, 16 GiB',
    labelZh: '8 vCPU，16 GiB',
    vcpus: 8,
    memoryGiB: 16,
    priceUnit: 'hour',
  },
];

const CACHE_FLAVOURS: readonly Flavour[] = [
  {
    id: 'redis.single.1g',
    label: 'Single node, 1 GiB',
    labelZh: '单机，1 GiB',
    sizeGiB: 1,
    priceUnit: 'hour',
  },
  {
    id: 'redis.ha.2g',
    label: 'Master/standby, 2 GiB',
    labelZh: '主备，2 GiB',
    sizeGiB: 2,
    priceUnit: 'hour',
  },
  {
    id: 'redis.ha.8g',
    label: 'Master/standby, 8 GiB',
    labelZh: '主备，8 GiB',
    sizeGiB: 8,
    priceUnit: 'hour',
  },
  {
    id: 'redis.cluster.16g',
    label: 'Cluster, 16 GiB',
    labelZh: '集群，16 GiB',
    sizeGiB: 16,
    priceUnit: 'hour',
  },
];

const STORAGE_CLASSES: readonly Flavour[] = [
  {
    id: 'STANDARD',
    label: 'Standard',
    labelZh: '标准存储',
    priceUnit: 'GB-month',
  },
  {
    id: 'WARM',
    label: 'Infrequent access',
    labelZh: '低频访问存储',
    priceUnit: 'GB-month',
  },
  { id: 'COLD', label: 'Archive', labelZh: '归档存储', priceUnit: 'GB-month' },
];

const IOTDA_FLAVOURS: readonly Flavour[] = [
  {
    id: 'iotda.basic',
    label: 'Basic (pay per message)',
    labelZh: '基础版（按消息数计费）',
    priceUnit: 'million messages',
  },
  {
    id: 'iotda.standard.su1',
    label: 'Standard SU1 (5,000 online devices per unit)',
    labelZh: '标准版 SU1（每单元 5,000 在线设备）',
    priceUnit: 'unit-month',
  },
  {
    id: 'iotda.standard.su2',
    label: 'Standard SU2 (50,000 online devices per unit)',
    labelZh: '标准版 SU2（每单元 50,000 在线设备）',
    priceUnit: 'unit-month',
  },
];

const PAID = ['pay-per-use', 'monthly', 'yearly'] as const;

/** Calls `addIssue` for each item whose key an earlier item already has. */
function uniqueBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  addIssue: (index: number, firstIndex: number) => void,
) {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, index);
    else addIssue(index, seen);
  });
}

/** What an issue of `uniqueBy` says, for `validateSpecGraph` to word it in any language. */
function uniqueText(
  code:
    | 'duplicate-listener-port'
    | 'duplicate-port'
    | 'duplicate-variable'
    | 'duplicate-protocol',
  firstIndex: number,
): PropertyProblemText {
  return { code, params: { first: firstIndex + 1 } };
}

export const vpcPropertiesSchema = z
  .object({ name: cloudName(), cidr: cidrBlock('192.168.0.0/16') })
  .strict();

export const subnetPropertiesSchema = z
  .object({
    name: cloudName(),
    cidr: cidrBlock('192.168.0.0/24'),
    gatewayIp: titled(ipv4Address().default('192.168.0.1'), 'Gateway', '网关'),
    dhcpEnabled: titled(z.boolean().default(true), 'DHCP', 'DHCP'),
  })
  .strict();

export const securityGroupPropertiesSchema = z
  .object({
    name: cloudName(),
    description: titled(z.string().max(255).default(''), 'Description', '描述'),
    rules: titled(
      z
        .array(
          z
            .object({
              direction: z.enum(['ingress', 'egress']).default('ingress'),
              protocol: z.enum(['tcp', 'udp', 'icmp', 'any']).default('tcp'),
              /** Omitted: every port. */
              port: port().optional(),
              remoteCidr: z
                .cidrv4({
                  error: 'must be an IPv4 CIDR block such as 0.0.0.0/0',
                })
                .default('0.0.0.0/0'),
            })
            .strict(),
        )
        .max(50)
        .default([]),
      'Rules',
      '规则',
    ),
  })
  .strict();

export const eipPropertiesSchema = z
  .object({
    name: cloudName(),
    lineType: flavourField(EIP_LINES, '5_bgp', 'Line', '线路'),
    bandwidthMbit: titled(
      z.number().int().min(1).max(2000).default(5),
      'Bandwidth (Mbit/s)',
      '带宽（Mbit/s）',
    ),
    billingMode: billingModeField(PAID),
  })
  .strict();

export const loadBalancerPropertiesSchema = z
  .object({
    name: cloudName(),
    flavour: flavourField(ELB_FLAVOURS, 'elb.s1.small'),
    listeners: titled(
      z
        .array(
          z
            .object({
              protocol: z.enum(['HTTP', 'TCP', 'UDP']).default('HTTP'),
              port: port(),
              /** Port of the backends (container port of a workload, port on a VM). */
              backendPort: port(),
            })
            .strict(),
        )
        .min(1)
        .max(10)
        .default([{ protocol: 'HTTP', port: 80, backendPort: 8080 }])
        .superRefine((listeners, ctx) =>
          uniqueBy(
            listeners,
            l => `${l.protocol === 'UDP' ? 'udp' : 'tcp'}/${l.port}`,
            (index, firstIndex) =>
              ctx.addIssue({
                code: 'custom',
                path: [index, 'port'],
                message: `is already used by listener ${
                  firstIndex + 1
                }; give each listener its own port`,
                params: {
                  rule: 'property-unique',
                  text: uniqueText('duplicate-listener-port', firstIndex),
                },
              }),
          ),
        ),
      'Listeners',
      '监听器',
    ),
    billingMode: billingModeField(PAID),
  })
  .strict();

const DOMAIN_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const dnsRecordPropertiesSchema = z
  .object({
    name: titled(
      z.string().regex(DOMAIN_NAME, PROPERTY_FORMATS['domain-name']),
      'Domain name',
      '域名',
    ),
    zone: titled(
      z.string().regex(DOMAIN_NAME, PROPERTY_FORMATS['zone-name']),
      'Zone',
      '区域',
    ),
    ttl: titled(
      z.number().int().min(1).max(604800).default(300),
      'TTL (s)',
      'TTL（秒）',
    ),
  })
  .strict()
  .superRefine((record, ctx) => {
    if (
      record.name !== record.zone &&
      !record.name.endsWith(`.${record.zone}`)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `must be in the zone ${record.zone}, e.g. app.${record.zone}`,
        params: {
          rule: 'property-format',
          text: {
            code: 'not-in-zone',
            params: { zone: record.zone },
          } satisfies PropertyProblemText,
        },
      });
    }
  });

export const containerClusterPropertiesSchema = z
  .object({
    name: kubernetesName(),
    flavour: flavourField(CCE_FLAVOURS, 'cce.s1.small'),
    kubernetesVersion: titled(
      z.enum(['v1.28', 'v1.29', 'v1.30']).default('v1.30'),
      'Kubernetes version',
      'Kubernetes 版本',
    ),
    networkMode: titled(
      z.enum(['vpc-router', 'overlay_l2']).default('vpc-router'),
      'Container network',
      '容器网络',
    ),
    containerCidr: titled(
      z
        .cidrv4({ error: 'must be an IPv4 CIDR block such as 172.16.0.0/16' })
        .default('172.16.0.0/16'),
      'Container CIDR block',
      '容器网段',
    ),
    billingMode: billingModeField(PAID),
  })
  .strict();

export const nodePoolPropertiesSchema = z
  .object({
    name: kubernetesName(),
    flavour: flavourField(ECS_FLAVOURS, 'c7.large.2'),
    count: titled(
      z.number().int().min(1).max(50).default(2),
      'Nodes',
      '节点数',
    ),
    os: titled(
      z
        .enum(['HCE OS 2.0', 'EulerOS 2.9', 'Ubuntu 22.04'])
        .default('HCE OS 2.0'),
      'Operating system',
      '操作系统',
    ),
    rootVolumeGiB: titled(
      z.number().int().min(40).max(1024).default(50),
      'System disk (GiB)',
      '系统盘（GiB）',
    ),
    dataVolumeGiB: titled(
      z.number().int().min(100).max(32768).default(100),
      'Data disk (GiB)',
      '数据盘（GiB）',
    ),
    billingMode: billingModeField(PAID),
  })
  .strict();

export const containerWorkloadPropertiesSchema = z
  .object({
    name: kubernetesName(),
    namespace: titled(
      z
        .string()
        .regex(
          /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
          PROPERTY_FORMATS['kubernetes-name'],
        )
        .default('default'),
      'Namespace',
      '命名空间',
    ),
    image: imageRef('Image', '镜像'),
    replicas: titled(
      z.number().int().min(1).max(100).default(1),
      'Replicas',
      '实例数',
    ),
    cpu: titled(
      z.number().min(0.1).max(64).multipleOf(0.1).default(0.5),
      'vCPUs per replica',
      '每实例 vCPU',
    ),
    memoryMiB: titled(
      z.number().int().min(64).max(262144).default(512),
      'Memory per replica (MiB)',
      '每实例内存（MiB）',
    ),
    ports: titled(
      z
        .array(
          z
            .object({
              containerPort: port(),
              protocol: z.enum(['TCP', 'UDP']).default('TCP'),
            })
            .strict(),
        )
        .max(20)
        .default([])
        .superRefine((ports, ctx) =>
          uniqueBy(
            ports,
            p => `${p.protocol}/${p.containerPort}`,
            (index, firstIndex) =>
              ctx.addIssue({
                code: 'custom',
                path: [index, 'containerPort'],
                message: `is already listed as port ${
                  firstIndex + 1
                }; list each port once`,
                params: {
                  rule: 'property-unique',
                  text: uniqueText('duplicate-port', firstIndex),
                },
              }),
          ),
        ),
      'Ports',
      '端口',
    ),
    env: titled(
      z
        .array(
          z
            .object({
              name: z
                .string()
                .regex(
                  /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
                  PROPERTY_FORMATS['variable-name'],
                ),
              value: z.string().max(4096).default(''),
            })
            .strict(),
        )
        .max(100)
        .default([])
        .superRefine((env, ctx) =>
          uniqueBy(
            env,
            e => e.name,
            (index, firstIndex) =>
              ctx.addIssue({
                code: 'custom',
                path: [index, 'name'],
                message: `is already set by variable ${
                  firstIndex + 1
                }; set each variable once`,
                params: {
                  rule: 'property-unique',
                  text: uniqueText('duplicate-variable', firstIndex),
                },
              }),
          ),
        ),
      'Environment variables',
      '环境变量',
    ),
  })
  .strict();

export const vmPropertiesSchema = z
  .object({
    name: cloudName(),
    image: imageRef('VM image', '虚拟机镜像'),
    flavour: flavourField(ECS_FLAVOURS, 's7.large.2'),
    systemDiskType: titled(
      z.enum(['SAS', 'SSD', 'GPSSD']).default('GPSSD'),
      'System disk type',
      '系统盘类型',
    ),
    systemDiskGiB: titled(
      z.number().int().min(40).max(1024).default(40),
      'System disk (GiB)',
      '系统盘（GiB）',
    ),
    billingMode: billingModeField(PAID),
  })
  .strict();

export const rdsPropertiesSchema = z
  .object({
    name: cloudName(),
    engine: titled(
      z
        .enum(['mysql-8.0', 'mysql-5.7', 'postgresql-16', 'postgresql-14'])
        .default('mysql-8.0'),
      'Engine',
      '数据库引擎',
    ),
    flavour: flavourField(RDS_FLAVOURS, 'rds.n1.large.2'),
    haMode: titled(
      z.enum(['single', 'ha']).default('single'),
      'Deployment',
      '实例类型',
    ),
    volumeGiB: titled(
      z.number().int().min(40).max(4000).multipleOf(10).default(40),
      'Storage (GiB)',
      '存储空间（GiB）',
    ),
    backupDays: titled(
      z.number().int().min(1).max(732).default(7),
      'Backup retention (days)',
      '备份保留天数',
    ),
    billingMode: billingModeField(PAID),
  })
  .strict();

export const cachePropertiesSchema = z
  .object({
    name: cloudName(),
    engineVersion: titled(
      z.enum(['redis-6.0', 'redis-7.0']).default('redis-6.0'),
      'Engine',
      '引擎版本',
    ),
    flavour: flavourField(CACHE_FLAVOURS, 'redis.single.1g'),
    billingMode: billingModeField(PAID),
  })
  .strict();

export const objectStoragePropertiesSchema = z
  .object({
    name: titled(
      z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
          PROPERTY_FORMATS['bucket-name'],
        ),
      'Bucket name',
      '桶名称',
    ),
    storageClass: flavourField(
      STORAGE_CLASSES,
      'STANDARD',
      'Storage class',
      '存储类别',
    ),
    acl: titled(
      z.enum(['private', 'public-read']).default('private'),
      'Access',
      '访问权限',
    ),
    versioning: titled(z.boolean().default(false), 'Versioning', '多版本控制'),
  })
  .strict();

export const iotDeviceAccessPropertiesSchema = z
  .object({
    name: cloudName(),
    flavour: flavourField(
      IOTDA_FLAVOURS,
      'iotda.standard.su1',
      'Edition',
      '版本',
    ),
    units: titled(
      z.number().int().min(1).max(100).default(1),
      'Units',
      '单元数',
    ),
    protocols: titled(
      z
        .array(z.enum(['MQTT', 'CoAP', 'HTTPS', 'LwM2M']))
        .min(1)
        .max(4)
        .default(['MQTT'])
        .superRefine((protocols, ctx) =>
          uniqueBy(
            protocols,
            p => p,
            (index, firstIndex) =>
              ctx.addIssue({
                code: 'custom',
                path: [index],
                message: `is already listed as protocol ${
                  firstIndex + 1
                }; list each protocol once`,
                params: {
                  rule: 'property-unique',
                  text: uniqueText('duplicate-protocol', firstIndex),
                },
              }),
          ),
        ),
      'Protocols',
      '接入协议',
    ),
    billingMode: billingModeField(PAID),
  })
  .strict();

/** @public */
export type VpcProperties = z.infer<typeof vpcPropertiesSchema>;
/** @public */
export type SubnetProperties = z.infer<typeof subnetPropertiesSchema>;
/** @public */
export type SecurityGroupProperties = z.infer<
  typeof securityGroupPropertiesSchema
>;
/** @public */
export type EipProperties = z.infer<typeof eipPropertiesSchema>;
/** @public */
export type LoadBalancerProperties = z.infer<
  typeof loadBalancerPropertiesSchema
>;
/** @public */
export type DnsRecordProperties = z.infer<typeof dnsRecordPropertiesSchema>;
/** @public */
export type ContainerClusterProperties = z.infer<
  typeof containerClusterPropertiesSchema
>;
/** @public */
export type NodePoolProperties = z.infer<typeof nodePoolPropertiesSchema>;
/** @public */
export type ContainerWorkloadProperties = z.infer<
  typeof containerWorkloadPropertiesSchema
>;
/** @public */
export type VmProperties = z.infer<typeof vmPropertiesSchema>;
/** @public */
export type RdsProperties = z.infer<typeof rdsPropertiesSchema>;
/** @public */
export type CacheProperties = z.infer<typeof cachePropertiesSchema>;
/** @public */
export type ObjectStorageProperties = z.infer<
  typeof objectStoragePropertiesSchema
>;
/** @public */
export type IotDeviceAccessProperties = z.infer<
  typeof iotDeviceAccessPropertiesSchema
>;

const FREE = { modes: ['free'], flavours: [] } as const;

/** The node types, in palette order (`RESOURCE_TYPE_IDS`). */
export const RESOURCE_TYPES: Readonly<
  Record<ResourceTypeId, ResourceTypeDefinition>
> = {
  vpc: {
    id: 'vpc',
    label: 'VPC',
    labelZh: '虚拟私有云',
    icon: 'vpc',
    category: 'network',
    propertySchema: vpcPropertiesSchema,
    requires: [],
    requiresOneOf: [],
    allows: [],
    atMostOne: [],
    outputs: ['id', 'cidr'],
    billing: FREE,
    keyProperties: ['cidr'],
    createSeconds: 3,
    deleteSeconds: 3,
  },
  subnet: {
    id: 'subnet',
    label: 'Subnet',
    labelZh: '子网',
    icon: 'subnet',
    category: 'network',
    propertySchema: subnetPropertiesSchema,
    requires: ['vpc'],
    requiresOneOf: [],
    allows: ['vpc'],
    atMostOne: ['vpc'],
    outputs: ['id', 'cidr', 'gatewayIp'],
    billing: FREE,
    keyProperties: ['cidr', 'gatewayIp'],
    createSeconds: 5,
    deleteSeconds: 5,
  },
  'security-group': {
    id: 'security-group',
    label: 'Security group',
    labelZh: '安全组',
    icon: 'security-group',
    category: 'network',
    propertySchema: securityGroupPropertiesSchema,
    requires: ['vpc'],
    requiresOneOf: [],
    allows: ['vpc'],
    atMostOne: ['vpc'],
    outputs: ['id'],
    billing: FREE,
    keyProperties: ['rules'],
    createSeconds: 2,
    deleteSeconds: 2,
  },
  eip: {
    id: 'eip',
    label: 'Elastic IP',
    labelZh: '弹性公网IP',
    icon: 'eip',
    category: 'network',
    propertySchema: eipPropertiesSchema,
    requires: [],
    requiresOneOf: [],
    allows: [],
    atMostOne: [],
    outputs: ['id', 'address'],
    billing: { modes: PAID, flavours: EIP_LINES, flavourProperty: 'lineType' },
    keyProperties: ['bandwidthMbit'],
    createSeconds: 5,
    deleteSeconds: 5,
  },
  'load-balancer': {
    id: 'load-balancer',
    label: 'Load balancer',
    labelZh: '弹性负载均衡',
    icon: 'load-balancer',
    category: 'network',
    propertySchema: loadBalancerPropertiesSchema,
    requires: ['subnet'],
    requiresOneOf: [],
    allows: ['subnet', 'eip', 'container-workload', 'vm'],
    atMostOne: ['subnet', 'eip'],
    outputs: ['id', 'privateAddress', 'publicAddress'],
    billing: {
      modes: PAID,
      flavours: ELB_FLAVOURS,
      flavourProperty: 'flavour',
    },
    keyProperties: ['listeners'],
    createSeconds: 60,
    deleteSeconds: 30,
  },
  'dns-record': {
    id: 'dns-record',
    label: 'DNS record',
    labelZh: '域名解析',
    icon: 'dns',
    category: 'network',
    propertySchema: dnsRecordPropertiesSchema,
    requires: [],
    requiresOneOf: ['eip', 'load-balancer', 'vm'],
    allows: ['eip', 'load-balancer', 'vm'],
    atMostOne: [],
    outputs: ['fqdn'],
    billing: FREE,
    keyProperties: ['zone', 'ttl'],
    createSeconds: 10,
    deleteSeconds: 10,
  },
  'container-cluster': {
    id: 'container-cluster',
    label: 'Container cluster',
    labelZh: '云容器引擎集群',
    icon: 'cluster',
    category: 'containers',
    propertySchema: containerClusterPropertiesSchema,
    requires: ['subnet'],
    requiresOneOf: [],
    allows: ['subnet', 'security-group'],
    atMostOne: ['subnet', 'security-group'],
    outputs: ['id', 'apiServerAddress'],
    billing: {
      modes: PAID,
      flavours: CCE_FLAVOURS,
      flavourProperty: 'flavour',
    },
    keyProperties: ['kubernetesVersion', 'networkMode'],
    createSeconds: 300,
    deleteSeconds: 120,
  },
  'node-pool': {
    id: 'node-pool',
    label: 'Node pool',
    labelZh: '节点池',
    icon: 'node-pool',
    category: 'containers',
    propertySchema: nodePoolPropertiesSchema,
    requires: ['container-cluster'],
    requiresOneOf: [],
    allows: ['container-cluster', 'subnet', 'security-group'],
    atMostOne: ['container-cluster', 'subnet'],
    outputs: ['id', 'nodeAddresses'],
    billing: {
      modes: PAID,
      flavours: ECS_FLAVOURS,
      flavourProperty: 'flavour',
      quantityProperty: 'count',
    },
    keyProperties: ['os', 'rootVolumeGiB', 'dataVolumeGiB'],
    createSeconds: 240,
    deleteSeconds: 120,
  },
  'container-workload': {
    id: 'container-workload',
    label: 'Container workload',
    labelZh: '容器工作负载',
    icon: 'workload',
    category: 'containers',
    propertySchema: containerWorkloadPropertiesSchema,
    requires: ['node-pool'],
    requiresOneOf: [],
    allows: [
      'node-pool',
      'rds',
      'cache',
      'object-storage',
      'iot-device-access',
      'container-workload',
    ],
    atMostOne: ['node-pool'],
    outputs: ['serviceAddress'],
    imageKind: 'docker',
    billing: { ...FREE, quantityProperty: 'replicas' },
    keyProperties: ['image', 'namespace', 'cpu', 'memoryMiB', 'ports'],
    createSeconds: 30,
    deleteSeconds: 15,
  },
  vm: {
    id: 'vm',
    label: 'Virtual machine',
    labelZh: '弹性云服务器',
    icon: 'vm',
    category: 'compute',
    propertySchema: vmPropertiesSchema,
    requires: ['subnet'],
    requiresOneOf: [],
    allows: [
      'subnet',
      'security-group',
      'eip',
      'rds',
      'cache',
      'object-storage',
      'iot-device-access',
      'vm',
    ],
    atMostOne: ['subnet', 'eip'],
    outputs: ['id', 'privateAddress', 'publicAddress', 'account', 'password'],
    imageKind: 'vm',
    billing: {
      modes: PAID,
      flavours: ECS_FLAVOURS,
      flavourProperty: 'flavour',
    },
    keyProperties: ['image', 'systemDiskType', 'systemDiskGiB'],
    createSeconds: 90,
    deleteSeconds: 60,
  },
  rds: {
    id: 'rds',
    label: 'Relational database',
    labelZh: '云数据库 RDS',
    icon: 'database',
    category: 'database',
    propertySchema: rdsPropertiesSchema,
    requires: ['subnet', 'security-group'],
    requiresOneOf: [],
    allows: ['subnet', 'security-group'],
    atMostOne: ['subnet', 'security-group'],
    outputs: ['id', 'address', 'port', 'account', 'password'],
    billing: {
      modes: PAID,
      flavours: RDS_FLAVOURS,
      flavourProperty: 'flavour',
    },
    keyProperties: ['engine', 'haMode', 'volumeGiB'],
    createSeconds: 600,
    deleteSeconds: 120,
  },
  cache: {
    id: 'cache',
    label: 'Cache',
    labelZh: '分布式缓存 Redis',
    icon: 'cache',
    category: 'database',
    propertySchema: cachePropertiesSchema,
    requires: ['subnet'],
    requiresOneOf: [],
    allows: ['subnet', 'security-group'],
    atMostOne: ['subnet', 'security-group'],
    outputs: ['id', 'address', 'port', 'password'],
    billing: {
      modes: PAID,
      flavours: CACHE_FLAVOURS,
      flavourProperty: 'flavour',
    },
    keyProperties: ['engineVersion'],
    createSeconds: 180,
    deleteSeconds: 60,
  },
  'object-storage': {
    id: 'object-storage',
    label: 'Object storage bucket',
    labelZh: '对象存储桶',
    icon: 'bucket',
    category: 'storage',
    propertySchema: objectStoragePropertiesSchema,
    requires: [],
    requiresOneOf: [],
    allows: [],
    atMostOne: [],
    outputs: ['bucket', 'endpoint'],
    billing: {
      modes: ['pay-per-use'],
      flavours: STORAGE_CLASSES,
      flavourProperty: 'storageClass',
    },
    keyProperties: ['acl', 'versioning'],
    createSeconds: 5,
    deleteSeconds: 5,
  },
  'iot-device-access': {
    id: 'iot-device-access',
    label: 'IoT device access',
    labelZh: '设备接入 IoTDA',
    icon: 'iot',
    category: 'iot',
    propertySchema: iotDeviceAccessPropertiesSchema,
    requires: [],
    requiresOneOf: [],
    allows: ['object-storage'],
    atMostOne: [],
    outputs: ['id', 'mqttsEndpoint', 'httpsEndpoint'],
    billing: {
      modes: PAID,
      flavours: IOTDA_FLAVOURS,
      flavourProperty: 'flavour',
      quantityProperty: 'units',
    },
    keyProperties: ['protocols'],
    createSeconds: 120,
    deleteSeconds: 60,
  },
};

const TYPE_IDS: ReadonlySet<string> = new Set(RESOURCE_TYPE_IDS);

/** The definition of a node type, or undefined for an unknown type id. */
export function getResourceType(
  typeId: string,
): ResourceTypeDefinition | undefined {
  return TYPE_IDS.has(typeId)
    ? RESOURCE_TYPES[typeId as ResourceTypeId]
    : undefined;
}

/** JSON Schema of a type's properties, as the property panel's form reads it. */
function propertyJsonSchema(definition: ResourceTypeDefinition) {
  const { $schema: _, ...schema } = z.toJSONSchema(definition.propertySchema, {
    io: 'input',
  }) as Record<string, unknown>;
  // `x-` properties belong to tools (e.g. a provider's fault injection) and are not validated.
  return { ...schema, patternProperties: { '^x-': {} } };
}

let response: ListResourceTypesResponse | undefined;

/** Body of `GET /resource-types`: every type, its property schema as JSON Schema. */
export function listResourceTypes(): ListResourceTypesResponse {
  response ??= {
    items: RESOURCE_TYPE_IDS.map((id): ResourceTypeItem => {
      const definition = RESOURCE_TYPES[id];
      return { ...definition, propertySchema: propertyJsonSchema(definition) };
    }),
  };
  return response;
}
