import { PlannedResource, planSpecGraph } from './plan';
import {
  CacheProperties,
  ContainerClusterProperties,
  DnsRecordProperties,
  EipProperties,
  IotDeviceAccessProperties,
  LoadBalancerProperties,
  NodePoolProperties,
  ObjectStorageProperties,
  RdsProperties,
  SecurityGroupProperties,
  SubnetProperties,
  VmProperties,
  VpcProperties,
} from './registry';
import { BillingMode, ResourceTypeId } from './types';

/** Options of `toTerraformJson`. */
export type TerraformOptions = {
  /** Default of the `region` variable; `cn-north-4` when absent. */
  region?: string;
  /** Default of the `availability_zone` variable; the region's first zone (`<region>a`) when absent. */
  availabilityZone?: string;
  /** Default of `standby_availability_zone` (HA databases only); the region's second zone when absent. */
  standbyAvailabilityZone?: string;
};

type Block = Record<string, unknown>;

/** A Terraform JSON configuration (`*.tf.json`). */
export type TerraformJson = {
  '//': string;
  terraform: Block;
  provider: Record<string, Block>;
  variable: Record<string, Block>;
  data?: Record<string, Record<string, Block>>;
  resource: Record<string, Record<string, Block>>;
  output?: Record<string, Block>;
};

/** The provider resource type a node becomes; workloads go to the Kubernetes manifests instead. */
export const TERRAFORM_RESOURCE_TYPES: Readonly<
  Record<ResourceTypeId, string | undefined>
> = {
  vpc: 'huaweicloud_vpc',
  subnet: 'huaweicloud_vpc_subnet',
  'security-group': 'huaweicloud_networking_secgroup',
  eip: 'huaweicloud_vpc_eip',
  'load-balancer': 'huaweicloud_elb_loadbalancer',
  'dns-record': 'huaweicloud_dns_recordset',
  'container-cluster': 'huaweicloud_cce_cluster',
  'node-pool': 'huaweicloud_cce_node_pool',
  'container-workload': undefined,
  vm: 'huaweicloud_compute_instance',
  rds: 'huaweicloud_rds_instance',
  cache: 'huaweicloud_dcs_instance',
  'object-storage': 'huaweicloud_obs_bucket',
  'iot-device-access': 'huaweicloud_iotda_space',
};

function charging(mode: BillingMode): Block {
  if (mode === 'monthly' || mode === 'yearly') {
    return {
      charging_mode: 'prePaid',
      period_unit: mode === 'monthly' ? 'month' : 'year',
      period: 1,
      auto_renew: 'false',
    };
  }
  return { charging_mode: 'postPaid' };
}

/**
 * Terraform names of a plan's nodes by node id: the id with `_` for `-`,
 * prefixed when it starts with a digit or `_`, and numbered when two ids
 * become the same. Outputs are named after them (`<name>_id`).
 */
export function terraformNames(
  resources: readonly PlannedResource[],
): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const { nodeId } of resources) {
    const base = nodeId.replace(/-/g, '_').replace(/^(?=[0-9_])/, 'n');
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(nodeId, name);
  }
  return names;
}

const RDS_ENGINES: Record<
  RdsProperties['engine'],
  { type: string; version: string; port: number; code: string }
> = {
  'mysql-8.0': { type: 'MySQL', version: '8.0', port: 3306, code: 'mysql' },
  'mysql-5.7': { type: 'MySQL', version: '5.7', port: 3306, code: 'mysql' },
  'postgresql-16': {
    type: 'PostgreSQL',
    version: '16',
    port: 5432,
    code: 'pg',
  },
  'postgresql-14': {
    type: 'PostgreSQL',
    version: '14',
    port: 5432,
    code: 'pg',
  },
};

/**
 * The plan of a valid graph as Terraform JSON for the huaweicloud provider,
 * which a user's pipeline applies (`terraform apply`) before the Kubernetes
 * manifests (`toKubernetesManifests`) of the container workloads.
 *
 * Each edge becomes an attribute reference (`${huaweicloud_vpc.vpc.id}`)
 * where the dependant needs one of the dependency's attributes, and a
 * `depends_on` entry otherwise; an edge to a workload becomes `depends_on`
 * what the workload itself depends on. Passwords are sensitive variables
 * without defaults, never literals. Load balancers get listeners here only
 * when they front no workload: a workload's `LoadBalancer` Service creates
 * its listeners on the ELB itself. Throws `InvalidSpecGraphError` for an
 * invalid graph.
 */
export function toTerraformJson(
  graph: unknown,
  options: TerraformOptions = {},
): TerraformJson {
  const plan = planSpecGraph(graph);
  const region = options.region ?? 'cn-north-4';
  const byId = new Map(plan.resources.map(r => [r.nodeId, r]));
  const names = terraformNames(plan.resources);

  const variable: Record<string, Block> = {
    region: {
      type: 'string',
      default: region,
      description: 'Region to deploy to',
    },
    availability_zone: {
      type: 'string',
      default: options.availabilityZone ?? `${region}a`,
      description: 'Availability zone of zonal resources',
    },
  };
  const data: Record<string, Record<string, Block>> = {};
  const resource: Record<string, Record<string, Block>> = {};
  const output: Record<string, Block> = {};
  const add = (
    into: Record<string, Record<string, Block>>,
    type: string,
    name: string,
    body: Block,
  ) => {
    (into[type] ??= {})[name] = body;
  };
  const password = (name: string, description: string) => {
    variable[name] = { type: 'string', sensitive: true, description };
    return `\${var.${name}}`;
  };
  const address = (r: PlannedResource) =>
    `${TERRAFORM_RESOURCE_TYPES[r.type]}.${names.get(r.nodeId)}`;

  // What a dependant's `depends_on` lists for an edge to `target`.
  const dependencyAddresses = (target: PlannedResource): string[] =>
    TERRAFORM_RESOURCE_TYPES[target.type]
      ? [address(target)]
      : target.dependsOn.flatMap(id => dependencyAddresses(byId.get(id)!));

  for (const node of plan.resources) {
    const tfType = TERRAFORM_RESOURCE_TYPES[node.type];
    if (!tfType) continue;
    const name = names.get(node.nodeId)!;
    const deps = node.dependsOn.map(id => byId.get(id)!);
    const referenced = new Set<string>();
    const dep = (type: ResourceTypeId) => deps.find(d => d.type === type);
    const depsOf = (type: ResourceTypeId) => deps.filter(d => d.type === type);
    const ref = (target: PlannedResource, attribute: string) => {
      referenced.add(target.nodeId);
      return `\${${address(target)}.${attribute}}`;
    };
    const p = node.properties;
    // Resources of this node besides its main one, added after it.
    const extra: [string, string, Block][] = [];
    let body: Block;

    switch (node.type) {
      case 'vpc': {
        const props = p as VpcProperties;
        body = { name: props.name, cidr: props.cidr };
        break;
      }
      case 'subnet': {
        const props = p as SubnetProperties;
        body = {
          name: props.name,
          cidr: props.cidr,
          gateway_ip: props.gatewayIp,
          vpc_id: ref(dep('vpc')!, 'id'),
          dhcp_enable: props.dhcpEnabled,
        };
        break;
      }
      case 'security-group': {
        const props = p as SecurityGroupProperties;
        body = {
          name: props.name,
          description: props.description,
          delete_default_rules: true,
        };
        props.rules.forEach((rule, i) => {
          extra.push([
            'huaweicloud_networking_secgroup_rule',
            `${name}_rule_${i + 1}`,
            {
              security_group_id: `\${${tfType}.${name}.id}`,
              direction: rule.direction,
              ethertype: 'IPv4',
              ...(rule.protocol === 'any' ? {} : { protocol: rule.protocol }),
              ...(rule.port !== undefined && rule.protocol !== 'icmp'
                ? { port_range_min: rule.port, port_range_max: rule.port }
                : {}),
              remote_ip_prefix: rule.remoteCidr,
            },
          ]);
        });
        break;
      }
      case 'eip': {
        const props = p as EipProperties;
        body = {
          name: props.name,
          publicip: { type: props.lineType },
          bandwidth: {
            name: props.name,
            size: props.bandwidthMbit,
            share_type: 'PER',
            charge_mode:
              props.billingMode === 'pay-per-use' ? 'traffic' : 'bandwidth',
          },
          ...charging(props.billingMode),
        };
        output[`${name}_address`] = {
          value: `\${${tfType}.${name}.address}`,
          description: `Public address of ${props.name}`,
        };
        break;
      }
      case 'load-balancer': {
        const props = p as LoadBalancerProperties;
        const subnet = dep('subnet')!;
        const eip = dep('eip');
        const layer = props.listeners.some(l => l.protocol === 'HTTP')
          ? 'L7'
          : 'L4';
        add(data, 'huaweicloud_elb_flavors', name, {
          type: layer,
          name: `${layer}_flavor.${node.flavour!.id}`,
        });
        body = {
          name: props.name,
          vpc_id: ref(subnet, 'vpc_id'),
          ipv4_subnet_id: ref(subnet, 'ipv4_subnet_id'),
          availability_zone: ['${var.availability_zone}'],
          [`${layer.toLowerCase()}_flavor_id`]: `\${data.huaweicloud_elb_flavors.${name}.ids[0]}`,
          ...(eip ? { ipv4_eip_id: ref(eip, 'id') } : {}),
          ...charging(props.billingMode),
        };
        if (!dep('container-workload')) {
          props.listeners.forEach((listener, i) => {
            const listenerName = `${name}_listener_${i + 1}`;
            const poolName = `${name}_pool_${i + 1}`;
            extra.push([
              'huaweicloud_elb_listener',
              listenerName,
              {
                name: `${props.name}-${listener.protocol.toLowerCase()}-${
                  listener.port
                }`,
                loadbalancer_id: `\${${tfType}.${name}.id}`,
                protocol: listener.protocol,
                protocol_port: listener.port,
              },
            ]);
            extra.push([
              'huaweicloud_elb_pool',
              poolName,
              {
                name: `${props.name}-${listener.protocol.toLowerCase()}-${
                  listener.port
                }`,
                listener_id: `\${huaweicloud_elb_listener.${listenerName}.id}`,
                protocol: listener.protocol,
                lb_method: 'ROUND_ROBIN',
              },
            ]);
            for (const vm of depsOf('vm')) {
              extra.push([
                'huaweicloud_elb_member',
                `${poolName}_${names.get(vm.nodeId)}`,
                {
                  pool_id: `\${huaweicloud_elb_pool.${poolName}.id}`,
                  address: ref(vm, 'access_ip_v4'),
                  protocol_port: listener.backendPort,
                  subnet_id: ref(subnet, 'ipv4_subnet_id'),
                },
              ]);
            }
          });
        }
        output[`${name}_id`] = {
          value: `\${${tfType}.${name}.id}`,
          description: `ID of ${props.name}, for the kubernetes.io/elb.id annotation of the workloads' Services`,
        };
        if (eip) {
          output[`${name}_public_address`] = {
            value: `\${${tfType}.${name}.ipv4_eip}`,
            description: `Public address of ${props.name}`,
          };
        }
        break;
      }
      case 'dns-record': {
        const props = p as DnsRecordProperties;
        add(data, 'huaweicloud_dns_zone', name, {
          name: `${props.zone}.`,
          zone_type: 'public',
        });
        const hasEip = (r: PlannedResource) =>
          r.dependsOn.some(id => byId.get(id)!.type === 'eip');
        const records = deps.flatMap(target => {
          if (target.type === 'eip') return [ref(target, 'address')];
          if (target.type === 'load-balancer') {
            return [ref(target, hasEip(target) ? 'ipv4_eip' : 'ipv4_address')];
          }
          if (target.type === 'vm') {
            return [ref(target, hasEip(target) ? 'public_ip' : 'access_ip_v4')];
          }
          return [];
        });
        body = {
          zone_id: `\${data.huaweicloud_dns_zone.${name}.id}`,
          name: `${props.name}.`,
          type: 'A',
          ttl: props.ttl,
          records,
        };
        break;
      }
      case 'container-cluster': {
        const props = p as ContainerClusterProperties;
        const subnet = dep('subnet')!;
        const sg = dep('security-group');
        body = {
          name: props.name,
          flavor_id: props.flavour,
          cluster_version: props.kubernetesVersion,
          vpc_id: ref(subnet, 'vpc_id'),
          subnet_id: ref(subnet, 'id'),
          container_network_type: props.networkMode,
          container_network_cidr: props.containerCidr,
          ...(sg ? { security_group_id: ref(sg, 'id') } : {}),
          ...charging(props.billingMode),
        };
        break;
      }
      case 'node-pool': {
        const props = p as NodePoolProperties;
        const subnet = dep('subnet');
        const sgs = depsOf('security-group');
        body = {
          cluster_id: ref(dep('container-cluster')!, 'id'),
          name: props.name,
          os: props.os,
          flavor_id: props.flavour,
          initial_node_count: props.count,
          availability_zone: '${var.availability_zone}',
          password: password(
            `${name}_password`,
            `Login password of the nodes of node pool ${props.name}`,
          ),
          root_volume: { size: props.rootVolumeGiB, volumetype: 'SSD' },
          data_volumes: [{ size: props.dataVolumeGiB, volumetype: 'SSD' }],
          ...(subnet ? { subnet_id: ref(subnet, 'id') } : {}),
          ...(sgs.length
            ? { security_groups: sgs.map(sg => ref(sg, 'id')) }
            : {}),
          ...charging(props.billingMode),
        };
        break;
      }
      case 'vm': {
        const props = p as VmProperties;
        const sgs = depsOf('security-group');
        const eip = dep('eip');
        add(data, 'huaweicloud_images_image', name, {
          name: `${props.image.name}-${props.image.version}`,
          visibility: 'private',
          most_recent: true,
        });
        body = {
          name: props.name,
          image_id: `\${data.huaweicloud_images_image.${name}.id}`,
          flavor_id: props.flavour,
          availability_zone: '${var.availability_zone}',
          admin_pass: password(
            `${name}_admin_password`,
            `Administrator password of VM ${props.name}`,
          ),
          system_disk_type: props.systemDiskType,
          system_disk_size: props.systemDiskGiB,
          ...(sgs.length
            ? { security_group_ids: sgs.map(sg => ref(sg, 'id')) }
            : {}),
          network: [{ uuid: ref(dep('subnet')!, 'id') }],
          ...(eip ? { eip_id: ref(eip, 'id') } : {}),
          ...charging(props.billingMode),
        };
        output[`${name}_private_address`] = {
          value: `\${${tfType}.${name}.access_ip_v4}`,
          description: `Private address of ${props.name}`,
        };
        break;
      }
      case 'rds': {
        const props = p as RdsProperties;
        const engine = RDS_ENGINES[props.engine];
        const subnet = dep('subnet')!;
        const ha = props.haMode === 'ha';
        if (ha) {
          variable.standby_availability_zone = {
            type: 'string',
            default: options.standbyAvailabilityZone ?? `${region}b`,
            description: 'Availability zone of the standby of HA databases',
          };
        }
        body = {
          name: props.name,
          flavor: `rds.${engine.code}.${props.flavour.replace(/^rds\./, '')}${
            ha ? '.ha' : ''
          }`,
          ...(ha ? { ha_replication_mode: 'async' } : {}),
          availability_zone: ha
            ? ['${var.availability_zone}', '${var.standby_availability_zone}']
            : ['${var.availability_zone}'],
          vpc_id: ref(subnet, 'vpc_id'),
          subnet_id: ref(subnet, 'id'),
          security_group_id: ref(dep('security-group')!, 'id'),
          db: {
            type: engine.type,
            version: engine.version,
            port: engine.port,
            password: password(
              `${name}_password`,
              `Password of the root account of database ${props.name}`,
            ),
          },
          volume: { type: 'CLOUDSSD', size: props.volumeGiB },
          backup_strategy: {
            start_time: '03:00-04:00',
            keep_days: props.backupDays,
          },
          ...charging(props.billingMode),
        };
        break;
      }
      case 'cache': {
        const props = p as CacheProperties;
        const subnet = dep('subnet')!;
        const sg = dep('security-group');
        const version = props.engineVersion.replace(/^redis-/, '');
        add(data, 'huaweicloud_dcs_flavors', name, {
          cache_mode: props.flavour.split('.')[1],
          capacity: node.flavour!.sizeGiB,
          engine_version: version,
        });
        body = {
          name: props.name,
          engine: 'Redis',
          engine_version: version,
          capacity: node.flavour!.sizeGiB,
          flavor: `\${data.huaweicloud_dcs_flavors.${name}.flavors[0].name}`,
          availability_zones: ['${var.availability_zone}'],
          vpc_id: ref(subnet, 'vpc_id'),
          subnet_id: ref(subnet, 'id'),
          ...(sg ? { security_group_id: ref(sg, 'id') } : {}),
          password: password(
            `${name}_password`,
            `Password of cache ${props.name}`,
          ),
          ...charging(props.billingMode),
        };
        break;
      }
      case 'object-storage': {
        const props = p as ObjectStorageProperties;
        body = {
          bucket: props.name,
          storage_class: props.storageClass,
          acl: props.acl,
          versioning: props.versioning,
        };
        break;
      }
      case 'iot-device-access': {
        const props = p as IotDeviceAccessProperties;
        body = {
          '//': `IoTDA ${node.flavour!.id} x ${
            props.units
          } (${props.protocols.join(
            ', ',
          )}) is bought with the instance the provider's iotda endpoint names; this is the app's resource space in it`,
          name: props.name,
        };
        break;
      }
      default:
        throw new Error(`no Terraform mapping for resource type ${node.type}`);
    }

    const dependsOn = [
      ...new Set(
        deps
          .filter(target => !referenced.has(target.nodeId))
          .flatMap(dependencyAddresses),
      ),
    ];
    add(
      resource,
      tfType,
      name,
      dependsOn.length ? { ...body, depends_on: dependsOn } : body,
    );
    for (const [type, extraName, extraBody] of extra)
      add(resource, type, extraName, extraBody);
  }

  return {
    '//': 'Generated by the IoT portal from a spec dependency graph; container workloads are in the Kubernetes manifests.',
    terraform: {
      required_providers: {
        huaweicloud: {
          source: 'huaweicloud/huaweicloud',
          version: '>= 1.60.0',
        },
      },
    },
    provider: { huaweicloud: { region: '${var.region}' } },
    variable,
    ...(Object.keys(data).length ? { data } : {}),
    resource,
    ...(Object.keys(output).length ? { output } : {}),
  };
}
