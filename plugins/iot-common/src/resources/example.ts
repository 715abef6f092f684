import { SpecGraph } from '../apps';

/**
 * A realistic spec graph: a parking server (Docker image `parking-server`
 * 1.4.2) on a container cluster in its own VPC, with a MySQL database and a
 * load balancer on an elastic IP in front. Used by tests and demo seeds.
 */
export function exampleSpecGraph(): SpecGraph {
  return {
    nodes: [
      {
        id: 'vpc',
        type: 'vpc',
        properties: { name: 'parking-vpc', cidr: '192.168.0.0/16' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'subnet',
        type: 'subnet',
        properties: {
          name: 'parking-subnet',
          cidr: '192.168.1.0/24',
          gatewayIp: '192.168.1.1',
        },
        position: { x: 0, y: 120 },
      },
      {
        id: 'sg',
        type: 'security-group',
        properties: {
          name: 'parking-db-sg',
          description: 'MySQL from the parking subnet only',
          rules: [
            {
              direction: 'ingress',
              protocol: 'tcp',
              port: 3306,
              remoteCidr: '192.168.1.0/24',
            },
          ],
        },
        position: { x: 240, y: 120 },
      },
      {
        id: 'cluster',
        type: 'container-cluster',
        properties: { name: 'parking-cce', flavour: 'cce.s1.small' },
        position: { x: 0, y: 240 },
      },
      {
        id: 'pool',
        type: 'node-pool',
        properties: { name: 'parking-nodes', flavour: 'c7.xlarge.2', count: 3 },
        position: { x: 0, y: 360 },
      },
      {
        id: 'db',
        type: 'rds',
        properties: {
          name: 'parking-db',
          engine: 'mysql-8.0',
          flavour: 'rds.n1.large.2',
          volumeGiB: 100,
        },
        position: { x: 240, y: 240 },
      },
      {
        id: 'server',
        type: 'container-workload',
        properties: {
          name: 'parking-server',
          namespace: 'parking',
          image: { name: 'parking-server', version: '1.4.2' },
          replicas: 2,
          cpu: 1,
          memoryMiB: 1024,
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'SPRING_PROFILES_ACTIVE', value: 'cloud' },
            { name: 'TZ', value: 'Asia/Shanghai' },
          ],
        },
        position: { x: 120, y: 480 },
      },
      {
        id: 'eip',
        type: 'eip',
        properties: { name: 'parking-eip', bandwidthMbit: 10 },
        position: { x: 360, y: 480 },
      },
      {
        id: 'lb',
        type: 'load-balancer',
        properties: {
          name: 'parking-elb',
          listeners: [{ protocol: 'HTTP', port: 80, backendPort: 8080 }],
        },
        position: { x: 240, y: 600 },
      },
    ],
    edges: [
      { source: 'subnet', target: 'vpc' },
      { source: 'sg', target: 'vpc' },
      { source: 'cluster', target: 'subnet' },
      { source: 'pool', target: 'cluster' },
      { source: 'db', target: 'subnet' },
      { source: 'db', target: 'sg' },
      { source: 'server', target: 'pool' },
      { source: 'server', target: 'db' },
      { source: 'lb', target: 'subnet' },
      { source: 'lb', target: 'eip' },
      { source: 'lb', target: 'server' },
    ],
  };
}
