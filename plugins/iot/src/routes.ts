import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The ISV's Images page (IMG-1, IMG-3..5). */
export const imagesRouteRef = createRouteRef();
