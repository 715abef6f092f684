import { LoggerService } from '@backstage/backend-plugin-api';
import {
  exampleSpecGraph,
  ListingImageField,
} from '@internal/backstage-plugin-iot-common';
import { AppsService, NewAppRequest } from '../apps/AppsService';
import { PortalUser } from '../catalog/IsvGroups';
import { DEMO_SEED_ACTOR } from '../images/seedDemoImages';
import { graphETag } from '../specs/graphETag';
import { NewSpecRequest, SpecsService } from '../specs/SpecsService';
import { demoPicture, Rgb } from './pictures';
import { checkedImage } from './receiveSubmission';
import { CheckedImage, ReviewsService } from './ReviewsService';

/**
 * Id of the deployment test the seed records for its specs. No such
 * instance exists: the seed says its specs passed rather than installing
 * them (the engine is not running yet while plugins start); "demoseed" in
 * the id, and the audit log, say so.
 */
export const SEEDED_TEST_INSTANCE_ID = 'inst-demoseed000000000001';

/** The seed acts as a user of no group: not the app's own, so it may approve. */
const SEED_USER: PortalUser = {
  userEntityRef: DEMO_SEED_ACTOR,
  ownershipEntityRefs: [],
};

type DemoListing = {
  ownerRef: string;
  app: NewAppRequest;
  spec: NewSpecRequest;
  listingName: string;
  summary: string;
  colours: [Rgb, Rgb];
  approve: boolean;
};

/** One app on the marketplace and one waiting in the reviewers' queue. */
export function demoListings(): DemoListing[] {
  return [
    {
      ownerRef: 'group:default/isv-acme',
      app: {
        name: 'Parking Finder',
        industry: 'smart-city',
        scenario: 'parking',
        description:
          'Shows drivers the nearest free bays on a map and guides them there, from the same geomagnetic sensors as Smart Parking.',
      },
      spec: {
        name: 'Parking Finder — cloud',
        type: 'general',
        deployLocation: 'public-cloud',
        description: 'Public-cloud deployment for a city district.',
        allowTrial: true,
      },
      listingName: 'Parking Finder',
      summary: 'Free parking bays on a map, with guidance to the nearest one.',
      colours: [
        [20, 90, 160],
        [60, 190, 220],
      ],
      approve: true,
    },
    {
      ownerRef: 'group:default/isv-acme',
      app: {
        name: 'Cold Chain Monitor',
        industry: 'logistics',
        scenario: 'cold-chain',
        description:
          'Watches the temperature of refrigerated trucks and stores, and raises an alarm before goods spoil.',
      },
      spec: {
        name: 'Cold Chain Monitor — cloud',
        type: 'general',
        deployLocation: 'public-cloud',
        description: 'Public-cloud deployment for up to 200 vehicles.',
        allowTrial: true,
      },
      listingName: 'Cold Chain Monitor',
      summary: 'Temperature alarms for refrigerated transport and storage.',
      colours: [
        [30, 120, 90],
        [170, 230, 250],
      ],
      approve: false,
    },
  ];
}

function demoImages(
  colours: [Rgb, Rgb],
): Record<ListingImageField, CheckedImage> {
  const [from, to] = colours;
  return {
    logo: checkedImage('logo', { bytes: demoPicture(96, 96, from, to) }),
    showcaseImage: checkedImage('showcaseImage', {
      bytes: demoPicture(480, 270, from, to),
    }),
    introImage: checkedImage('introImage', {
      bytes: demoPicture(640, 360, to, from),
    }),
  };
}

/**
 * Seeds, on a fresh database, one listed app and one in review, through
 * the services like any other submission, so that the marketplace and the
 * reviewers' queue are not empty. Their specs deploy the demo image
 * parking-server 1.4.2 (seedDemoImages) and are recorded as having passed
 * a deployment test (SEEDED_TEST_INSTANCE_ID).
 */
export async function seedDemoReviews(options: {
  apps: Pick<AppsService, 'createAppAsGroup'>;
  specs: Pick<
    SpecsService,
    'createSpec' | 'getSpecWithGraph' | 'recordDeploymentTest'
  >;
  reviews: Pick<ReviewsService, 'submit' | 'approve'>;
  logger: LoggerService;
}): Promise<void> {
  const { apps, specs, reviews, logger } = options;
  for (const demo of demoListings()) {
    const app = await apps.createAppAsGroup(demo.app, {
      ownerRef: demo.ownerRef,
      actorRef: DEMO_SEED_ACTOR,
    });
    const graph = exampleSpecGraph();
    const spec = await specs.createSpec(app.id, demo.spec, DEMO_SEED_ACTOR, {
      graph,
    });
    await specs.recordDeploymentTest(
      spec.id,
      {
        instanceId: SEEDED_TEST_INSTANCE_ID,
        status: 'running',
        at: new Date().toISOString(),
      },
      graphETag((await specs.getSpecWithGraph(spec.id)).graph),
    );
    const review = await reviews.submit(
      app.id,
      {
        listingName: demo.listingName,
        summary: demo.summary,
        specIds: [spec.id],
      },
      demoImages(demo.colours),
      SEED_USER,
    );
    if (demo.approve) {
      await reviews.approve(
        review.id,
        { comment: 'Listed by the demo seed' },
        SEED_USER,
      );
    }
    logger.info(
      `Seeded demo app ${app.id} for ${app.owner}, ${
        demo.approve ? 'listed' : 'in review'
      } (${review.id})`,
    );
  }
}
