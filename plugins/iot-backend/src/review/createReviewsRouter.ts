import { UserInfoService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  appParamsSchema,
  approveReviewRequestSchema,
  iotAppReadPermission,
  iotAppSubmitPermission,
  iotMarketplaceReadPermission,
  iotReviewDecidePermission,
  iotReviewReadPermission,
  LISTING_IMAGE_MEDIA_TYPES,
  listReviewsQuerySchema,
  rejectReviewRequestSchema,
  reviewImageParamsSchema,
  reviewParamsSchema,
  submissionFieldsSchema,
  unlistRequestSchema,
} from '@internal/backstage-plugin-iot-common';
import express from 'express';
import Router from 'express-promise-router';
import { appEntityRef } from '../apps/appEntity';
import { AppsService } from '../apps/AppsService';
import { Authorizer, UserCredentials } from '../http/authorizer';
import { parseInput } from '../http/validation';
import { receiveSubmission, submissionFieldsOf } from './receiveSubmission';
import { ReviewsService } from './ReviewsService';

/**
 * HTTP routes of review and listing (SPEC-9, REV-1..3); the rules live in
 * the service. Submitting needs `iot.app.submit` on the app (its ISV
 * group), deciding `iot.review.decide` (reviewers; the service refuses the
 * app's own group), reading reviews `iot.review.read`, unlisting either
 * of the first two.
 */
export function createReviewsRouter(options: {
  reviews: Pick<
    ReviewsService,
    | 'checkAllowed'
    | 'submit'
    | 'listReviews'
    | 'findReview'
    | 'getReview'
    | 'readImage'
    | 'isListed'
    | 'approve'
    | 'reject'
    | 'unlist'
    | 'getListing'
  >;
  apps: Pick<AppsService, 'getApp'>;
  authorizer: Authorizer;
  userInfo: UserInfoService;
}): express.Router {
  const { reviews, apps, authorizer, userInfo } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  /** Whether the caller holds a basic permission. */
  async function holds(
    credentials: UserCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    try {
      await authorizer.require(credentials, permission);
      return true;
    } catch (error) {
      if (error instanceof NotAllowedError) {
        return false;
      }
      throw error;
    }
  }

  /** Whether the caller holds the basic permission to decide reviews. */
  function mayDecide(credentials: UserCredentials): Promise<boolean> {
    return holds(credentials, iotReviewDecidePermission);
  }

  /** The app's listing, with what the caller may do. */
  async function listingFor(credentials: UserCredentials, appId: string) {
    return reviews.getListing(appId, {
      mayManage: await authorizer.allows(
        credentials,
        iotAppSubmitPermission,
        appEntityRef(appId),
      ),
      mayDecide: await mayDecide(credentials),
      user: await userInfo.getUserInfo(credentials),
    });
  }

  /** The app of the path, readable by the caller (else 404). */
  async function readableApp(
    req: express.Request,
    credentials: UserCredentials,
  ) {
    const { appId } = parseInput(appParamsSchema, req.params, 'path');
    await apps.getApp(appId);
    await authorizer.requireResource(credentials, appEntityRef(appId), {
      read: iotAppReadPermission,
      notFound: () => new NotFoundError(`no app with id ${appId}`),
    });
    return appId;
  }

  /**
   * The app of the path, readable by the caller or on the marketplace, which
   * every signed-in user sees (else 404): a refusal after this may name the
   * missing permission without giving away a draft.
   */
  async function readableOrListedApp(
    req: express.Request,
    credentials: UserCredentials,
  ) {
    const { appId } = parseInput(appParamsSchema, req.params, 'path');
    const app = await apps.getApp(appId);
    if (
      app.reviewStatus === 'approved' &&
      (await holds(credentials, iotMarketplaceReadPermission))
    ) {
      return appId;
    }
    return readableApp(req, credentials);
  }

  /** The review of the path, if the caller may read the reviews of its app (else 404). */
  async function readableReview(
    req: express.Request,
    credentials: UserCredentials,
  ) {
    const { reviewId } = parseInput(reviewParamsSchema, req.params, 'path');
    const review = await reviews.findReview(reviewId);
    await authorizer.requireResource(credentials, appEntityRef(review.appId), {
      read: iotReviewReadPermission,
      notFound: () => new NotFoundError(`no review with id ${reviewId}`),
    });
    return review;
  }

  /** The review of the path, when the caller may decide reviews (else 403). */
  async function decidableReview(req: express.Request) {
    const credentials = await authorizer.user(req);
    await authorizer.require(credentials, iotReviewDecidePermission);
    const { reviewId } = parseInput(reviewParamsSchema, req.params, 'path');
    const user = await userInfo.getUserInfo(credentials);
    return { reviewId, user };
  }

  router.post('/apps/:appId/submissions', async (req, res) => {
    let appId: string;
    let user;
    try {
      const credentials = await authorizer.user(req);
      appId = await readableApp(req, credentials);
      await authorizer.require(
        credentials,
        iotAppSubmitPermission,
        appEntityRef(appId),
      );
      user = await userInfo.getUserInfo(credentials);
      await reviews.checkAllowed(appId, 'submit');
    } catch (error) {
      // refused before reading the images: let the client finish sending them
      req.resume();
      throw error;
    }
    const received = await receiveSubmission(req);
    const fields = parseInput(
      submissionFieldsSchema,
      submissionFieldsOf(received.fields),
      'form fields',
    );
    res
      .status(201)
      .json(await reviews.submit(appId, fields, received.images, user));
  });

  router.get('/reviews', async (req, res) => {
    const credentials = await authorizer.user(req);
    const query = parseInput(listReviewsQuerySchema, req.query, 'query');
    const ownerFilter = await authorizer.readFilter(
      credentials,
      iotReviewReadPermission,
    );
    res.json(await reviews.listReviews({ ...query, ownerFilter }));
  });

  router.get('/reviews/:reviewId', async (req, res) => {
    const credentials = await authorizer.user(req);
    const review = await readableReview(req, credentials);
    res.json(await reviews.getReview(review.id));
  });

  // For <img src>: also with the user cookie (see plugin.ts). The images
  // of the listing on the marketplace are for every signed-in user.
  router.get('/reviews/:reviewId/images/:field', async (req, res) => {
    const credentials = await authorizer.userOrCookie(req);
    const { reviewId, field } = parseInput(
      reviewImageParamsSchema,
      req.params,
      'path',
    );
    const review = await reviews.findReview(reviewId);
    const readable =
      (await authorizer.allows(
        credentials,
        iotReviewReadPermission,
        appEntityRef(review.appId),
      )) ||
      ((await reviews.isListed(review)) &&
        (await authorizer
          .require(credentials, iotMarketplaceReadPermission)
          .then(() => true)));
    if (!readable) {
      throw new NotFoundError(`no review with id ${reviewId}`);
    }
    const image = await reviews.readImage(reviewId, field);
    const etag = `"${image.sha256}"`;
    res.set({
      ETag: etag,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': `inline; filename="${field}.${
        image.format === 'png' ? 'png' : 'jpg'
      }"`,
    });
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res
      .status(200)
      .type(LISTING_IMAGE_MEDIA_TYPES[image.format])
      .send(image.bytes);
  });

  router.post('/reviews/:reviewId/approve', async (req, res) => {
    const { reviewId, user } = await decidableReview(req);
    const body = parseInput(approveReviewRequestSchema, req.body ?? {}, 'body');
    res.json(await reviews.approve(reviewId, body, user));
  });

  router.post('/reviews/:reviewId/reject', async (req, res) => {
    const { reviewId, user } = await decidableReview(req);
    const body = parseInput(rejectReviewRequestSchema, req.body, 'body');
    res.json(await reviews.reject(reviewId, body, user));
  });

  router.post('/apps/:appId/unlist', async (req, res) => {
    const credentials = await authorizer.user(req);
    const appId = await readableApp(req, credentials);
    const decides = await mayDecide(credentials);
    if (
      !decides &&
      !(await authorizer.allows(
        credentials,
        iotAppSubmitPermission,
        appEntityRef(appId),
      ))
    ) {
      throw new NotAllowedError(
        `missing permission ${iotReviewDecidePermission.name}, or ${
          iotAppSubmitPermission.name
        } on ${appEntityRef(
          appId,
        )}: only reviewers and the app's group unlist it`,
      );
    }
    const body = parseInput(unlistRequestSchema, req.body, 'body');
    const { userEntityRef } = await userInfo.getUserInfo(credentials);
    await reviews.unlist(appId, body, userEntityRef);
    res.json(await listingFor(credentials, appId));
  });

  router.get('/apps/:appId/listing', async (req, res) => {
    const credentials = await authorizer.user(req);
    const appId = await readableOrListedApp(req, credentials);
    await authorizer.require(
      credentials,
      iotReviewReadPermission,
      appEntityRef(appId),
    );
    res.json(await listingFor(credentials, appId));
  });

  return router;
}
