import { LoggerService } from '@backstage/backend-plugin-api';
import { SpecGraph } from '@internal/backstage-plugin-iot-common';
import { DEMO_SEED_ACTOR } from '../images/seedDemoImages';
import { NewSpecRequest, SpecsService } from '../specs/SpecsService';
import { AppsService, NewAppRequest } from './AppsService';

type DemoApp = {
  ownerRef: string;
  app: NewAppRequest;
  specs: { spec: NewSpecRequest; graph: SpecGraph }[];
};

/**
 * The demo apps, each with a spec that deploys one of the demo images
 * (seedDemoImages). Ids follow from the names: smart-parking with
 * smart-parking-standard, energy-monitor with energy-monitor-edge.
 */
const DEMO_APPS: DemoApp[] = [
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
          description: 'Public-cloud deployment for up to 5 000 parking bays.',
          allowTrial: true,
        },
        graph: {
          nodes: [
            {
              id: 'server',
              type: 'container-workload',
              properties: {
                image: { name: 'parking-server', version: '1.4.2' },
              },
            },
          ],
          edges: [],
        },
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
        graph: {
          nodes: [
            {
              id: 'collector',
              type: 'vm',
              properties: {
                image: { name: 'energy-collector', version: '2.0.0' },
              },
            },
          ],
          edges: [],
        },
      },
    ],
  },
];

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
  for (const demo of DEMO_APPS) {
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
