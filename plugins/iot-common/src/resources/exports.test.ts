import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { exampleSpecGraph } from './example';
import { kubernetesObjects, toKubernetesManifests } from './kubernetes';
import { InvalidSpecGraphError } from './plan';
import { toTerraformJson } from './terraform';

const FIXTURES = path.join(__dirname, '__fixtures__');

/**
 * The text of a golden file, which `UPDATE_GOLDEN=1` rewrites with `actual`
 * (run prettier on it afterwards). JSON comes back as `JSON.stringify`
 * prints it, key order included, so the file may be formatted by prettier.
 */
function golden(file: string, actual: string) {
  const goldenPath = path.join(FIXTURES, file);
  if (process.env.UPDATE_GOLDEN) {
    fs.writeFileSync(goldenPath, actual);
  }
  const text = fs.readFileSync(goldenPath, 'utf8');
  return file.endsWith('.json')
    ? `${JSON.stringify(JSON.parse(text), null, 2)}\n`
    : text;
}

describe('toTerraformJson', () => {
  it('exports the example graph (golden file)', () => {
    const actual = `${JSON.stringify(
      toTerraformJson(exampleSpecGraph()),
      null,
      2,
    )}\n`;
    expect(actual).toBe(golden('example.tf.json', actual));
  });

  it('references dependencies through attributes, and depends_on only where none does', () => {
    const { resource } = toTerraformJson(exampleSpecGraph());
    expect(resource.huaweicloud_vpc_subnet.subnet).toMatchObject({
      vpc_id: '${huaweicloud_vpc.vpc.id}',
    });
    expect(resource.huaweicloud_vpc_subnet.subnet).not.toHaveProperty(
      'depends_on',
    );
    // Huawei Cloud security groups are not in a VPC: nothing to reference.
    expect(resource.huaweicloud_networking_secgroup.sg.depends_on).toEqual([
      'huaweicloud_vpc.vpc',
    ]);
    // The workload is in the Kubernetes manifests: what it runs on and uses instead.
    expect(resource.huaweicloud_elb_loadbalancer.lb.depends_on).toEqual([
      'huaweicloud_cce_node_pool.pool',
      'huaweicloud_rds_instance.db',
    ]);
  });

  it('asks for passwords as sensitive variables, never literals', () => {
    const document = toTerraformJson(exampleSpecGraph());
    expect(document.variable.db_password).toEqual({
      type: 'string',
      sensitive: true,
      description: 'Password of the root account of database parking-db',
    });
    expect(document.variable.db_password).not.toHaveProperty('default');
    const db = document.resource.huaweicloud_rds_instance.db as {
      db: { password: string };
    };
    expect(db.db.password).toBe('${var.db_password}');
  });

  it('exports load balancers that front VMs with listeners, pools and members', () => {
    const graph = exampleSpecGraph();
    graph.nodes.push(
      {
        id: 'gw',
        type: 'vm',
        properties: {
          name: 'parking-gateway',
          image: { name: 'parking-gateway', version: '2.0.0' },
          billingMode: 'monthly',
        },
      },
      {
        id: 'gw-lb',
        type: 'load-balancer',
        properties: { name: 'gateway-elb' },
      },
      {
        id: 'www',
        type: 'dns-record',
        properties: { name: 'parking.example.com', zone: 'example.com' },
      },
    );
    graph.edges.push(
      { source: 'gw', target: 'subnet' },
      { source: 'gw-lb', target: 'subnet' },
      { source: 'gw-lb', target: 'gw' },
      { source: 'www', target: 'lb' },
    );
    const document = toTerraformJson(graph, { region: 'cn-east-3' });
    expect(document.variable.availability_zone.default).toBe('cn-east-3a');
    expect(document.data?.huaweicloud_images_image.gw).toEqual({
      name: 'parking-gateway-2.0.0',
      visibility: 'private',
      most_recent: true,
    });
    expect(document.resource.huaweicloud_compute_instance.gw).toMatchObject({
      admin_pass: '${var.gw_admin_password}',
      network: [{ uuid: '${huaweicloud_vpc_subnet.subnet.id}' }],
      charging_mode: 'prePaid',
      period_unit: 'month',
      period: 1,
    });
    expect(document.resource.huaweicloud_elb_listener.gw_lb_listener_1).toEqual(
      {
        name: 'gateway-elb-http-80',
        loadbalancer_id: '${huaweicloud_elb_loadbalancer.gw_lb.id}',
        protocol: 'HTTP',
        protocol_port: 80,
      },
    );
    expect(document.resource.huaweicloud_elb_member.gw_lb_pool_1_gw).toEqual({
      pool_id: '${huaweicloud_elb_pool.gw_lb_pool_1.id}',
      address: '${huaweicloud_compute_instance.gw.access_ip_v4}',
      protocol_port: 8080,
      subnet_id: '${huaweicloud_vpc_subnet.subnet.ipv4_subnet_id}',
    });
    expect(
      document.resource.huaweicloud_elb_loadbalancer.gw_lb,
    ).not.toHaveProperty('depends_on');
    expect(document.resource.huaweicloud_dns_recordset.www).toEqual({
      zone_id: '${data.huaweicloud_dns_zone.www.id}',
      name: 'parking.example.com.',
      type: 'A',
      ttl: 300,
      records: ['${huaweicloud_elb_loadbalancer.lb.ipv4_eip}'],
    });
  });

  it('refuses an invalid graph', () => {
    const graph = exampleSpecGraph();
    graph.edges.pop();
    graph.edges.push({ source: 'lb', target: 'vpc' });
    expect(() => toTerraformJson(graph)).toThrow(InvalidSpecGraphError);
  });
});

describe('toKubernetesManifests', () => {
  it('exports the example graph (golden file)', () => {
    const actual = toKubernetesManifests(exampleSpecGraph());
    expect(actual).toBe(golden('example.k8s.yaml', actual));
  });

  it('is a YAML stream of the objects', () => {
    const text = toKubernetesManifests(exampleSpecGraph());
    expect(parseAllDocuments(text).map(d => d.toJS())).toEqual(
      kubernetesObjects(exampleSpecGraph()),
    );
  });

  it('pulls from the configured registry and binds the given ELB ids', () => {
    const objects = kubernetesObjects(exampleSpecGraph(), {
      registry: 'registry.example.com/acme/',
      imagePullSecret: '',
      loadBalancerIds: { lb: '2d2c1c7e-elb' },
    });
    const deployment = objects.find(o => o.kind === 'Deployment')!;
    expect(deployment.spec).toMatchObject({
      template: {
        spec: {
          containers: [
            { image: 'registry.example.com/acme/parking-server:1.4.2' },
          ],
        },
      },
    });
    expect(deployment.spec).not.toHaveProperty(
      'template.spec.imagePullSecrets',
    );
    const lbService = objects.find(
      o => o.metadata.name === 'parking-server-parking-elb',
    )!;
    expect(lbService.metadata.annotations).toEqual({
      'kubernetes.io/elb.class': 'performance',
      'kubernetes.io/elb.id': '2d2c1c7e-elb',
    });
  });

  it('exports nothing for a graph without workloads', () => {
    expect(toKubernetesManifests({ nodes: [], edges: [] })).toBe('');
  });
});
