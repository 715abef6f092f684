import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The ISV's Images page (IMG-1, IMG-3..5). */
export const imagesRouteRef = createRouteRef();

/** The ISV's Apps page: list, search, "New app" (APP-1, APP-3). */
export const appsRouteRef = createRouteRef();

/** One spec's page (SPEC-3..7), with its dependency editor. */
export const specRouteRef = createRouteRef({ params: ['specId'] });

/** The reviewers' Reviews page: the queue of submissions (REV-1). */
export const reviewsRouteRef = createRouteRef();

/** One submission under review (REV-1, REV-2), inside the Reviews page. */
export const reviewRouteRef = createSubRouteRef({
  parent: reviewsRouteRef,
  path: '/:reviewId',
});
