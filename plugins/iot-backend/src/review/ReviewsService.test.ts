import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  LISTING_ACTIONS,
  LISTING_STATES,
  ListingAction,
  ListingState,
  listingTransition,
} from '@internal/backstage-plugin-iot-common';
import { Knex } from 'knex';
import { graphUsing } from '../__testUtils__/apps';
import { createAppServices } from '../__testUtils__/services';
import { uploaderOf } from '../__testUtils__/testOrg';
import { graphETag } from '../specs/graphETag';
import { sampleJpeg, samplePng } from './__testUtils__/pictures';
import { checkedImage } from './receiveSubmission';
import { ReviewNotice } from './ReviewNotifier';
import { ReviewsService } from './ReviewsService';
import { ReviewsStore } from './ReviewsStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const alice = uploaderOf('alice');
const rita = uploaderOf('rita');
const RITA = rita.userEntityRef;

function images() {
  return {
    logo: checkedImage('logo', { bytes: samplePng(16, 16) }),
    showcaseImage: checkedImage('showcaseImage', { bytes: sampleJpeg() }),
    introImage: checkedImage('introImage', { bytes: samplePng(40, 30) }),
  };
}

async function setup(knex: Knex) {
  const services = await createAppServices(knex);
  const notices: ReviewNotice[] = [];
  const reviews = new ReviewsService({
    store: await ReviewsStore.create({
      database: mockServices.database({ knex }),
    }),
    apps: services.apps,
    specs: services.specs,
    audit: services.audit,
    notify: async notice => {
      notices.push(notice);
    },
    logger: mockServices.logger.mock(),
  });
  let apps = 0;

  /** An app of alice's group with two specs; `tested` of them passed a deployment test. */
  async function newApp(tested = 2) {
    const app = await services.apps.createApp(
      {
        name: `Listed App ${++apps}`,
        industry: 'smart-city',
        scenario: 'parking',
        description: '',
      },
      alice,
    );
    const specIds: string[] = [];
    for (const name of ['Standard', 'Premium']) {
      const graph = graphUsing([]);
      const spec = await services.specs.createSpec(
        app.id,
        {
          name,
          type: 'general',
          deployLocation: 'public-cloud',
          description: `${name} deployment`,
          allowTrial: true,
        },
        alice.userEntityRef,
        { graph },
      );
      if (specIds.length < tested) {
        await services.specs.recordDeploymentTest(
          spec.id,
          {
            instanceId: 'inst-aaaaaaaaaaaaaaaaaaaa',
            status: 'running',
            at: new Date().toISOString(),
          },
          graphETag(graph),
        );
      }
      specIds.push(spec.id);
    }
    return { appId: app.id, specIds };
  }

  const submit = (appId: string, specIds: string[], summary = 'Summary') =>
    reviews.submit(
      appId,
      { listingName: 'Listing', summary, specIds },
      images(),
      alice,
    );

  /** An app brought into `state` through the service. */
  async function appIn(state: ListingState) {
    const app = await newApp();
    const { appId, specIds } = app;
    if (state === 'draft') {
      return app;
    }
    const first = await submit(appId, specIds);
    if (state === 'in-review') {
      return app;
    }
    if (state === 'rejected') {
      await reviews.reject(first.id, { reason: 'No', flaggedFields: [] }, rita);
      return app;
    }
    await reviews.approve(first.id, {}, rita);
    if (state === 'listed') {
      return app;
    }
    if (state === 'listed-update-in-review') {
      await submit(appId, specIds, 'Version 2');
      return app;
    }
    await reviews.unlist(appId, { reason: 'Outdated' }, RITA);
    return app;
  }

  /** Attempts `action` on the app as the route would. */
  async function attempt(
    app: { appId: string; specIds: string[] },
    action: ListingAction,
  ) {
    const listing = await reviews.getListing(app.appId, {
      mayManage: true,
      mayDecide: true,
      user: rita,
    });
    // the pending review, else the latest one decided
    const reviewId =
      listing.pending?.id ??
      [...listing.history].reverse().find(entry => entry.reviewId)?.reviewId;
    switch (action) {
      case 'submit':
        return submit(app.appId, app.specIds, 'Again');
      case 'approve':
        return reviews.approve(reviewId!, {}, rita);
      case 'reject':
        return reviews.reject(
          reviewId!,
          { reason: 'No', flaggedFields: [] },
          rita,
        );
      case 'unlist':
        return reviews.unlist(app.appId, { reason: 'Stop' }, RITA);
      default:
        return reviews.unlist(
          app.appId,
          { reason: 'Stop', specId: app.specIds[1] },
          RITA,
        );
    }
  }

  const stateOf = async (appId: string) =>
    (
      await reviews.getListing(appId, {
        mayManage: false,
        mayDecide: false,
        user: alice,
      })
    ).state;

  return {
    ...services,
    reviews,
    notices,
    newApp,
    submit,
    appIn,
    attempt,
    stateOf,
  };
}

describe.each(databases.eachSupportedId())(
  'ReviewsService on %p',
  (databaseId: TestDatabaseId) => {
    let env: Awaited<ReturnType<typeof setup>>;

    beforeAll(async () => {
      env = await setup(await databases.init(databaseId));
    });

    // Every state × every action: the legal ones land where the table says,
    // the others answer 409 naming the state and the action.
    const cases = LISTING_STATES.flatMap(state =>
      LISTING_ACTIONS.filter(
        // a draft has no review a reviewer could approve or reject
        action =>
          !(state === 'draft' && (action === 'approve' || action === 'reject')),
      ).map(action => [state, action] as const),
    );
    const legal = cases.filter(([state, action]) =>
      listingTransition(state, action),
    );
    const illegal = cases.filter(
      ([state, action]) => !listingTransition(state, action),
    );

    it.each(legal)('from %s, %s is legal', async (state, action) => {
      const app = await env.appIn(state);
      expect(await env.stateOf(app.appId)).toBe(state);
      const { to } = listingTransition(state, action)!;

      await env.attempt(app, action);

      expect(await env.stateOf(app.appId)).toBe(to);
      const { history } = await env.reviews.getListing(app.appId, {
        mayManage: false,
        mayDecide: false,
        user: alice,
      });
      expect(history.at(-1)).toMatchObject({ action, from: state, to });
    });

    it.each(illegal)('from %s, %s is a 409', async (state, action) => {
      const app = await env.appIn(state);
      const decision = action === 'approve' || action === 'reject';

      await expect(env.attempt(app, action)).rejects.toThrow(
        decision
          ? /^cannot (approve|reject) review rev-\w+ .*: it was already (approved|rejected) .*only a pending review can be decided$/
          : new RegExp(
              `^cannot ${action} app .*: its listing is '${state}' — .*; '${action}' is allowed only from`,
            ),
      );
      await expect(env.attempt(app, action)).rejects.toThrow(ConflictError);
      expect(await env.stateOf(app.appId)).toBe(state);
    });

    it('keeps the app review status and its listed specs in step, and publishes them', async () => {
      const { appId, specIds } = await env.newApp();
      env.takeDeltas();

      const first = await env.submit(appId, specIds);
      expect((await env.apps.getApp(appId)).reviewStatus).toBe('in-review');
      await env.reviews.approve(first.id, { comment: 'Fine' }, rita);
      expect((await env.apps.getApp(appId)).reviewStatus).toBe('approved');
      const entity = env
        .takeDeltas()
        .flatMap((delta: any) => delta.upserted)
        .filter((e: any) => e.kind === 'IotApp')
        .at(-1);
      expect(entity).toMatchObject({
        kind: 'IotApp',
        metadata: { annotations: { 'iot.portal/review-status': 'approved' } },
        spec: {
          listedSpecs: specIds.map(id => `iotspec:default/${id}`),
        },
      });

      // a new version in review: still approved (listed) for the catalog
      await env.submit(appId, specIds, 'Version 2');
      expect((await env.apps.getApp(appId)).reviewStatus).toBe('approved');

      await env.reviews.unlist(appId, { reason: 'Stop' }, RITA);
      expect((await env.apps.getApp(appId)).reviewStatus).toBe('in-review');
      const last = env
        .takeDeltas()
        .flatMap((delta: any) => delta.upserted)
        .filter((e: any) => e.kind === 'IotApp')
        .at(-1);
      expect(last.spec.listedSpecs).toBeUndefined();
    });

    it('publishes the specs with the review status the catalog shows: approved only when listed', async () => {
      const { appId, specIds } = await env.newApp();
      const statusOfSpecs = () => {
        const latest = new Map<string, string>();
        for (const e of env
          .takeDeltas()
          .flatMap((delta: any) => delta.upserted)) {
          if (e.kind === 'IotSpec') {
            latest.set(
              e.metadata.name,
              e.metadata.annotations['iot.portal/review-status'],
            );
          }
        }
        return Object.fromEntries(latest);
      };
      env.takeDeltas();

      const first = await env.submit(appId, [specIds[0]]);
      expect(statusOfSpecs()).toEqual({
        [specIds[0]]: 'in-review',
        [specIds[1]]: 'in-review',
      });
      await env.reviews.approve(first.id, { comment: 'Fine' }, rita);
      // the spec not submitted stays a draft of the ISV's group
      expect(statusOfSpecs()).toEqual({
        [specIds[0]]: 'approved',
        [specIds[1]]: 'draft',
      });

      await env.reviews.unlist(appId, { reason: 'Stop' }, RITA);
      expect(Object.values(statusOfSpecs())).not.toContain('approved');
    });

    it('refuses specs that have not passed a deployment test, naming them, and specs of other apps', async () => {
      const { appId, specIds } = await env.newApp(1);
      const other = await env.newApp();

      await expect(env.submit(appId, specIds)).rejects.toThrow(
        new ConflictError(
          `spec 'Premium' (${specIds[1]}) has not passed a deployment test of its current dependency graph; run one first: POST /api/iot/specs/${specIds[1]}/deployment-tests, or "Start install" on /iot/specs/${specIds[1]}`,
        ),
      );
      await expect(
        env.submit(appId, [specIds[0], other.specIds[0]]),
      ).rejects.toThrow(InputError);
      expect(await env.stateOf(appId)).toBe('draft');
    });

    it('needs every image on a first submission, and carries them over on the next', async () => {
      const { appId, specIds } = await env.newApp();
      const { logo: _logo, ...withoutLogo } = images();

      await expect(
        env.reviews.submit(
          appId,
          { listingName: 'L', summary: 'S', specIds },
          withoutLogo,
          alice,
        ),
      ).rejects.toThrow(
        "the logo is required: send it in the multipart field 'logo'",
      );

      const first = await env.submit(appId, specIds);
      await env.reviews.reject(
        first.id,
        { reason: 'Summary too vague', flaggedFields: ['summary'] },
        rita,
      );
      const second = await env.reviews.submit(
        appId,
        { listingName: 'Listing', summary: 'Clear summary', specIds },
        {},
        alice,
      );
      expect(second.logo.sha256).toBe(first.logo.sha256);

      const review = await env.reviews.getReview(second.id);
      expect(review.previous).toMatchObject({
        id: first.id,
        status: 'rejected',
        flaggedFields: ['summary'],
      });
      expect(review.changes).toEqual([
        {
          field: 'summary',
          before: 'Summary',
          after: 'Clear summary',
          flagged: true,
        },
      ]);
    });

    it('shows what changed field by field, specs included', async () => {
      const { appId, specIds } = await env.newApp();
      const first = await env.submit(appId, [specIds[0]]);
      await env.reviews.reject(
        first.id,
        {
          reason: 'Add the premium spec, and a real logo',
          flaggedFields: ['specs', 'logo'],
        },
        rita,
      );
      await env.specs.updateSpec(
        specIds[0],
        { description: 'Standard deployment, now for 10 000 bays' },
        alice.userEntityRef,
      );

      const second = await env.reviews.submit(
        appId,
        { listingName: 'Listing', summary: 'Summary', specIds },
        { logo: checkedImage('logo', { bytes: samplePng(24, 24) }) },
        alice,
      );

      const { changes } = await env.reviews.getReview(second.id);
      expect(changes).toEqual([
        {
          field: 'logo',
          before: expect.objectContaining({ width: 16 }),
          after: expect.objectContaining({
            width: 24,
            path: `/reviews/${second.id}/images/logo`,
          }),
          flagged: true,
        },
        {
          field: 'specs',
          added: [specIds[1]],
          removed: [],
          flagged: true,
        },
        {
          field: `spec:${specIds[0]}`,
          specId: specIds[0],
          changed: ['description'],
          before: expect.objectContaining({
            description: 'Standard deployment',
          }),
          after: expect.objectContaining({
            description: 'Standard deployment, now for 10 000 bays',
          }),
          flagged: false,
        },
      ]);
    });

    it('lets nobody decide on an app of their own group, reviewer or not', async () => {
      const { appId, specIds } = await env.newApp();
      const review = await env.submit(appId, specIds);
      const aliceTheReviewer = {
        ...alice,
        ownershipEntityRefs: [
          ...alice.ownershipEntityRefs,
          'group:default/reviewers',
        ],
      };

      await expect(
        env.reviews.approve(review.id, {}, aliceTheReviewer),
      ).rejects.toThrow(NotAllowedError);
      await expect(
        env.reviews.reject(
          review.id,
          { reason: 'Mine', flaggedFields: [] },
          aliceTheReviewer,
        ),
      ).rejects.toThrow(
        /nobody may reject a submission of their own group's app/,
      );
      expect(await env.stateOf(appId)).toBe('in-review');
    });

    it('flags only fields of the submission', async () => {
      const { appId, specIds } = await env.newApp();
      const review = await env.submit(appId, [specIds[0]]);

      await expect(
        env.reviews.reject(
          review.id,
          { reason: 'No', flaggedFields: [`spec:${specIds[1]}`] },
          rita,
        ),
      ).rejects.toThrow(`spec:${specIds[1]} is not a spec of this submission`);
    });

    it('unlists one spec but not the last one', async () => {
      const { appId, specIds } = await env.appIn('listed');

      await env.reviews.unlist(
        appId,
        { reason: 'Premium is broken', specId: specIds[1] },
        RITA,
      );
      // the owners are told which spec by the name it was listed with
      expect(env.notices.at(-1)).toMatchObject({
        kind: 'unlisted',
        spec: { id: specIds[1], name: 'Premium' },
        reason: 'Premium is broken',
        actorRef: RITA,
      });
      await expect(
        env.reviews.unlist(
          appId,
          { reason: 'Standard too', specId: specIds[0] },
          RITA,
        ),
      ).rejects.toThrow(/only listed spec .* unlist the app instead/);
      await expect(
        env.reviews.unlist(
          appId,
          { reason: 'Again', specId: specIds[1] },
          RITA,
        ),
      ).rejects.toThrow(/is not listed/);

      const listing = await env.reviews.getListing(appId, {
        mayManage: true,
        mayDecide: false,
        user: alice,
      });
      expect(listing.listed?.specIds).toEqual([specIds[0]]);
      expect((await env.apps.getApp(appId)).reviewStatus).toBe('approved');
    });

    it('tells the reviewers of submissions and the ISV group of decisions', async () => {
      const { appId, specIds } = await env.newApp();
      env.notices.splice(0);

      const first = await env.submit(appId, specIds);
      await env.reviews.reject(
        first.id,
        { reason: 'Blurry', flaggedFields: ['logo'] },
        rita,
      );
      const second = await env.submit(appId, specIds);
      await env.reviews.approve(second.id, {}, rita);
      await env.reviews.unlist(appId, { reason: 'Recall' }, RITA);

      expect(env.notices.map(n => [n.kind, n.ownerRef, n.actorRef])).toEqual([
        ['submitted', 'group:default/isv-acme', alice.userEntityRef],
        ['rejected', 'group:default/isv-acme', RITA],
        ['submitted', 'group:default/isv-acme', alice.userEntityRef],
        ['approved', 'group:default/isv-acme', RITA],
        ['unlisted', 'group:default/isv-acme', RITA],
      ]);
      expect(env.notices[1]).toMatchObject({
        reason: 'Blurry',
        flaggedFields: ['logo'],
      });
    });

    it('brings app review statuses in line with their listings at start', async () => {
      const { appId } = await env.appIn('listed');
      await env.appsStore.updateApp(appId, {
        reviewStatus: 'draft',
        listedSpecIds: null,
      });

      expect(await env.reviews.reconcileApps()).toBe(1);
      expect((await env.apps.getApp(appId)).reviewStatus).toBe('approved');
      expect(await env.reviews.reconcileApps()).toBe(0);
    });
  },
);
