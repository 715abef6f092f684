import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The ISV's Images page (IMG-1, IMG-3..5). */
export const imagesRouteRef = createRouteRef();

/** The ISV's Apps page: list, search, "New app" (APP-1, APP-3). */
export const appsRouteRef = createRouteRef();

/** One spec's page (SPEC-3..7), with its dependency editor. */
export const specRouteRef = createRouteRef({ params: ['specId'] });
