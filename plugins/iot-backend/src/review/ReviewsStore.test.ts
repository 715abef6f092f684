import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createAppServices } from '../__testUtils__/services';
import { sampleJpeg, samplePng } from './__testUtils__/pictures';
import { checkedImage } from './receiveSubmission';
import { NewReview, NewReviewImage, ReviewsStore } from './ReviewsStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const ALICE = 'user:default/alice';
const RITA = 'user:default/rita';

function images(): NewReviewImage[] {
  return [
    checkedImage('logo', { bytes: samplePng(16, 16) }),
    checkedImage('showcaseImage', { bytes: sampleJpeg(64, 32) }),
    checkedImage('introImage', { bytes: samplePng(40, 30, [10, 20, 30]) }),
  ];
}

describe.each(databases.eachSupportedId())(
  'ReviewsStore on %p',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let store: ReviewsStore;
    let ids = 0;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await ReviewsStore.create({
        database: mockServices.database({ knex }),
      });
    });

    /** A new app of isv-acme (or `owner`) with a listing in draft. */
    async function newApp(name: string, owner = 'group:default/isv-acme') {
      const { apps } = await createAppServices(knex);
      const app = await apps.createAppAsGroup(
        { name, industry: 'smart-city', scenario: 'parking', description: '' },
        { ownerRef: owner, actorRef: ALICE },
      );
      await store.ensureListing(app.id, 'draft');
      return app;
    }

    function review(appId: string, fields: Partial<NewReview> = {}): NewReview {
      ids += 1;
      return {
        id: `rev-${String(ids).padStart(20, '0')}`,
        appId,
        ownerRef: 'group:default/isv-acme',
        appName: 'App',
        isUpdate: false,
        listingName: 'Listing',
        summary: 'Summary',
        specIds: [`${appId}-standard`],
        specs: [],
        submittedBy: ALICE,
        ...fields,
      };
    }

    const submit = (appId: string, from = 'draft' as const) =>
      store.submit(review(appId), images(), {
        appId,
        action: 'submit',
        from,
        to: 'in-review',
        actorRef: ALICE,
      });

    it('stores a submission with its images and moves the listing, recording the event', async () => {
      const app = await newApp('Stored');

      const outcome = await submit(app.id);

      expect('done' in outcome).toBe(true);
      const stored = 'done' in outcome ? outcome.done : undefined;
      expect(stored).toMatchObject({
        appId: app.id,
        round: 1,
        status: 'pending',
        isUpdate: false,
        submittedBy: ALICE,
        decidedBy: null,
        flaggedFields: [],
        images: {
          logo: { format: 'png', width: 16, height: 16 },
          showcaseImage: { format: 'jpeg', width: 64, height: 32 },
          introImage: { format: 'png', width: 40, height: 30 },
        },
      });
      expect(await store.findListing(app.id)).toMatchObject({
        state: 'in-review',
        pendingReviewId: stored!.id,
        listedReviewId: null,
      });
      expect(await store.listEvents(app.id)).toEqual([
        expect.objectContaining({
          action: 'submit',
          from: 'draft',
          to: 'in-review',
          actorRef: ALICE,
          reviewId: stored!.id,
          at: stored!.submittedAt,
        }),
      ]);
      const logo = await store.readImage(stored!.id, 'logo');
      expect(logo?.bytes.equals(samplePng(16, 16))).toBe(true);
      expect(logo?.sha256).toBe(stored!.images.logo.sha256);
    });

    it('refuses a transition from a state the listing has left', async () => {
      const app = await newApp('Raced');
      await submit(app.id);

      const second = await submit(app.id);

      expect(second).toEqual({
        conflict: expect.objectContaining({ state: 'in-review' }),
      });
      expect(await store.listReviewsOfApp(app.id)).toHaveLength(1);
      expect(await store.listEvents(app.id)).toHaveLength(1);
    });

    it('lets exactly one of two simultaneous decisions win', async () => {
      const app = await newApp('Decided');
      const outcome = await submit(app.id);
      const id = 'done' in outcome ? outcome.done.id : '';

      const decisions = await Promise.all(
        (['approved', 'rejected'] as const).map(status =>
          store.decide(
            id,
            { status, reason: status, flaggedFields: [] },
            {
              appId: app.id,
              action: status === 'approved' ? 'approve' : 'reject',
              from: 'in-review',
              to: status === 'approved' ? 'listed' : 'rejected',
              actorRef: RITA,
              set:
                status === 'approved'
                  ? { listedReviewId: id, listedSpecIds: ['a'] }
                  : {},
            },
          ),
        ),
      );

      expect(decisions.filter(d => 'done' in d)).toHaveLength(1);
      expect(decisions.filter(d => 'conflict' in d)).toHaveLength(1);
      const listing = await store.findListing(app.id);
      const decided = await store.findReview(id);
      expect(listing!.state).toBe(
        decided!.status === 'approved' ? 'listed' : 'rejected',
      );
      expect(listing!.pendingReviewId).toBeNull();
      expect(await store.listEvents(app.id)).toHaveLength(2);
    });

    it('approves: the listing names the review and its specs; rejecting records reason and flags', async () => {
      const app = await newApp('Approved');
      const first = await submit(app.id);
      const firstId = 'done' in first ? first.done.id : '';
      const rejected = await store.decide(
        firstId,
        {
          status: 'rejected',
          reason: 'Blurry logo',
          flaggedFields: ['logo', 'summary'],
        },
        {
          appId: app.id,
          action: 'reject',
          from: 'in-review',
          to: 'rejected',
          actorRef: RITA,
        },
      );
      expect(rejected).toEqual({
        done: expect.objectContaining({
          status: 'rejected',
          decidedBy: RITA,
          reason: 'Blurry logo',
          flaggedFields: ['logo', 'summary'],
          decidedAt: expect.any(String),
        }),
      });

      // a resubmission takes the intro image over from the first round
      const second = await store.submit(
        review(app.id, { summary: 'Better' }),
        [
          checkedImage('logo', { bytes: samplePng(20, 20) }),
          { field: 'showcaseImage', copyFrom: firstId },
          { field: 'introImage', copyFrom: firstId },
        ],
        {
          appId: app.id,
          action: 'submit',
          from: 'rejected',
          to: 'in-review',
          actorRef: ALICE,
        },
      );
      const secondReview = 'done' in second ? second.done : undefined;
      expect(secondReview!.round).toBe(2);
      expect(secondReview!.images.introImage).toEqual(
        'done' in first ? first.done.images.introImage : undefined,
      );
      expect(secondReview!.images.logo.width).toBe(20);
      expect(
        (
          await store.readImage(secondReview!.id, 'showcaseImage')
        )?.bytes.equals(sampleJpeg(64, 32)),
      ).toBe(true);
      expect((await store.previousDecided(app.id, 2))?.id).toBe(firstId);
      expect(await store.previousDecided(app.id, 1)).toBeUndefined();

      await store.decide(
        secondReview!.id,
        { status: 'approved', reason: null, flaggedFields: [] },
        {
          appId: app.id,
          action: 'approve',
          from: 'in-review',
          to: 'listed',
          actorRef: RITA,
          set: {
            listedReviewId: secondReview!.id,
            listedSpecIds: ['a', 'b'],
          },
        },
      );
      expect(await store.findListing(app.id)).toMatchObject({
        state: 'listed',
        listedReviewId: secondReview!.id,
        listedSpecIds: ['a', 'b'],
        pendingReviewId: null,
      });

      const unlisted = await store.transition({
        appId: app.id,
        action: 'unlist-spec',
        from: 'listed',
        to: 'listed',
        actorRef: RITA,
        reason: 'Spec b is broken',
        specId: 'b',
        set: { listedSpecIds: ['a'] },
      });
      expect(unlisted).toEqual({
        done: expect.objectContaining({
          state: 'listed',
          listedSpecIds: ['a'],
        }),
      });
      expect((await store.listEvents(app.id)).map(e => e.action)).toEqual([
        'submit',
        'reject',
        'submit',
        'approve',
        'unlist-spec',
      ]);
      expect((await store.listEvents(app.id)).at(-1)).toMatchObject({
        reason: 'Spec b is broken',
        specId: 'b',
        flaggedFields: [],
      });
    });

    it('lists the queue oldest first, with filters and pages', async () => {
      const queued = [
        await newApp('Queue Alpha'),
        await newApp('Queue Beta', 'group:default/isv-globex'),
        await newApp('Queue Gamma'),
      ];
      const reviewIds: string[] = [];
      for (const app of queued) {
        const outcome = await store.submit(
          review(app.id, {
            appName: app.name,
            ownerRef: app.owner,
            listingName: `${app.name} listing`,
            isUpdate: app.name === 'Queue Gamma',
          }),
          images(),
          {
            appId: app.id,
            action: 'submit',
            from: 'draft',
            to: 'in-review',
            actorRef: ALICE,
          },
        );
        reviewIds.push('done' in outcome ? outcome.done.id : '');
      }
      const names = async (
        options: Parameters<ReviewsStore['listReviews']>[0],
      ) =>
        (
          await store.listReviews({ nameContains: 'queue', ...options })
        ).items.map(r => r.appName);

      expect(await names({ status: 'pending' })).toEqual([
        'Queue Alpha',
        'Queue Beta',
        'Queue Gamma',
      ]);
      expect(await names({ ownerRef: 'group:default/isv-globex' })).toEqual([
        'Queue Beta',
      ]);
      expect(await names({ nameContains: 'GAMMA LIST' })).toEqual([
        'Queue Gamma',
      ]);
      expect(await names({ isUpdate: true })).toEqual(['Queue Gamma']);
      expect(await names({ appId: queued[0].id })).toEqual(['Queue Alpha']);
      expect(
        await names({
          ownerFilter: { key: 'owner', values: ['group:default/isv-acme'] },
        }),
      ).toEqual(['Queue Alpha', 'Queue Gamma']);
      expect(await names({ status: 'approved' })).toEqual([]);
      // 100% matches no name: LIKE's wildcards are taken literally
      expect(await names({ nameContains: '%' })).toEqual([]);

      const first = await store.listReviews({
        nameContains: 'queue',
        limit: 2,
      });
      expect(first.items.map(r => r.id)).toEqual(reviewIds.slice(0, 2));
      const second = await store.listReviews({
        nameContains: 'queue',
        limit: 2,
        cursor: first.nextCursor!,
      });
      expect(second.items.map(r => r.id)).toEqual(reviewIds.slice(2));
      expect(second.nextCursor).toBeNull();
      await expect(store.listReviews({ cursor: 'nonsense' })).rejects.toThrow(
        /cursor must be the nextCursor of a previous page/,
      );
    });

    it('goes with its app: deleting an app deletes its reviews, images, listing and history', async () => {
      const app = await newApp('Deleted');
      const outcome = await submit(app.id);
      const id = 'done' in outcome ? outcome.done.id : '';
      const { apps } = await createAppServices(knex);

      await knex('iot_apps').where({ id: app.id }).delete();

      expect(await store.findReview(id)).toBeUndefined();
      expect(await store.readImage(id, 'logo')).toBeUndefined();
      expect(await store.findListing(app.id)).toBeUndefined();
      expect(await store.listEvents(app.id)).toEqual([]);
      expect(await apps.findApps([app.id])).toEqual([]);
    });
  },
);
