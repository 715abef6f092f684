import { LoggerService } from '@backstage/backend-plugin-api';
import {
  exampleSpecGraph,
  planSpecGraph,
  SpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { DEMO_SEED_ACTOR } from '../images/seedDemoImages';
import { NewSpecRequest, SpecsService } from '../specs/SpecsService';
import { AppsService, NewAppRequest } from './AppsService';

/**
 * A collector VM (image energy-collector 2.0.0, as seedDemoImages uploads
 * it) in its own VPC, reachable on an elastic IP through a security group,
 * keeping the readings in an object storage bucket.
 */
function energyMonitorEdgeGraph(): SpecGraph {
  return {
    nodes: [
      {
        id: 'vpc',
        type: 'vpc',
        properties: { name: 'energy-vpc', cidr: '10.20.0.0/16' },
      },
      {
        id: 'subnet',
        type: 'subnet',
        properties: {
          name: 'energy-subnet',
          cidr: '10.20.1.0/24',
          gatewayIp: '10.20.1.1',
        },
      },
      {
        id: 'sg',
        type: 'security-group',
        properties: {
          name: 'energy-collector-sg',
          description:
            'MQTT over TLS from the meters, HTTPS for the dashboards',
          rules: [
            { direction: 'ingress', protocol: 'tcp', port: 8883 },
            { direction: 'ingress', protocol: 'tcp', port: 443 },
          ],
        },
      },
      {
        id: 'eip',
        type: 'eip',
        properties: { name: 'energy-eip', bandwidthMbit: 5 },
      },
      {
        id: 'readings',
        type: 'object-storage',
        properties: { name: 'energy-monitor-readings', versioning: true },
      },
      {
        id: 'collector',
        type: 'vm',
        properties: {
          name: 'energy-collector',
          image: { name: 'energy-collector', version: '2.0.0' },
          flavour: 's7.large.2',
          systemDiskGiB: 80,
        },
      },
    ],
    edges: [
      { source: 'subnet', target: 'vpc' },
      { source: 'sg', target: 'vpc' },
      { source: 'collector', target: 'subnet' },
      { source: 'collector', target: 'sg' },
      { source: 'collector', target: 'eip' },
      { source: 'collector', target: 'readings' },
    ],
  };
}

/**
 * The graph with its nodes placed left to right by dependency level (what
 * a node depends on stands left of it), one column per level, so that the
 * editor shows it tidily.
 */
function layOutByLevel(graph: SpecGraph): SpecGraph {
  const position = new Map<string, { x: number; y: number }>();
  planSpecGraph(graph).levels.forEach((level, column) =>
    level.forEach((id, row) =>
      position.set(id, { x: 80 + column * 280, y: 80 + row * 160 }),
    ),
  );
  return {
    nodes: graph.nodes.map(node => ({
      ...node,
      position: position.get(node.id),
    })),
    edges: graph.edges,
  };
}

type DemoApp = {
  ownerRef: string;
  app: NewAppRequest;
  specs: { spec: NewSpecRequest; graph: SpecGraph }[];
};

/**
 * The demo apps, each with a spec whose graph deploys one of the demo
 * images (seedDemoImages) and passes `validateSpecGraph`. Ids follow from
 * the names: smart-parking with smart-parking-standard, energy-monitor with
 * energy-monitor-edge.
 */
export function demoApps(): DemoApp[] {
  return [
    {
      ownerRef: 'group:default/isv-acme',
      app: {
        name: 'Smart Parking',
        industry: 'smart-city',
        scenario: 'parking',
        description:
          'Guides drivers to free parking bays using geomagnetic sensors, and gives ' +
          'city operators occupancy, turnover and revenue dashboards.',
      },
      specs: [
        {
          spec: {
            name: 'Smart Parking — standard',
            type: 'general',
            deployLocation: 'public-cloud',
            description:
              'Public-cloud deployment for up to 5 000 parking bays.',
            allowTrial: true,
          },
          // parking-server 1.4.2 on a container cluster, as seedDemoImages uploads it
          graph: layOutByLevel(exampleSpecGraph()),
        },
      ],
    },
    {
      ownerRef: 'group:default/isv-globex',
      app: {
        name: 'Energy Monitor',
        industry: 'manufacturing',
        scenario: 'energy-management',
        description:
          "Collects meter and sub-meter readings of a factory, finds waste and forecasts the next month's consumption.",
      },
      specs: [
        {
          spec: {
            name: 'Energy Monitor — edge',
            type: 'custom',
            deployLocation: 'edge-site',
            description: 'Runs on a factory edge site, close to the meters.',
            allowTrial: false,
          },
          graph: layOutByLevel(energyMonitorEdgeGraph()),
        },
      ],
    },
  ];
}

/**
 * Seeds the demo apps and their specs into an empty database, through the
 * services like any other app, so that a newcomer's portal shows apps the
 * Apps page can manage. Does nothing once any app exists. Runs after
 * seedDemoImages: the specs deploy the demo images.
 */
export async function seedDemoApps(options: {
  apps: Pick<AppsService, 'isEmpty' | 'createAppAsGroup'>;
  specs: Pick<SpecsService, 'createSpec'>;
  logger: LoggerService;
}): Promise<void> {
  const { apps, specs, logger } = options;
  if (!(await apps.isEmpty())) {
    return;
  }
  for (const demo of demoApps()) {
    const app = await apps.createAppAsGroup(demo.app, {
      ownerRef: demo.ownerRef,
      actorRef: DEMO_SEED_ACTOR,
    });
    for (const { spec, graph } of demo.specs) {
      const created = await specs.createSpec(app.id, spec, DEMO_SEED_ACTOR, {
        graph,
      });
      logger.info(
        `Seeded demo spec ${created.id} of app ${app.id} for ${app.owner}`,
      );
    }
  }
}
