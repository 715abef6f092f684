import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  IOT_API_VERSION,
  IOT_APP_KIND,
} from '@internal/backstage-plugin-iot-common';

/** The "Specs" tab of an app's catalog page (SPEC-1..6). */
export const iotAppSpecsEntityContent = EntityContentBlueprint.make({
  name: 'app-specs',
  params: {
    path: '/specs',
    title: 'Specs',
    filter: { apiVersion: IOT_API_VERSION, kind: IOT_APP_KIND },
    loader: () =>
      import('./components/AppSpecsContent').then(m => <m.AppSpecsContent />),
  },
});

/** The "Listing" tab of an app's catalog page (SPEC-9, REV-1..3). */
export const iotAppListingEntityContent = EntityContentBlueprint.make({
  name: 'app-listing',
  params: {
    path: '/listing',
    title: 'Listing',
    filter: { apiVersion: IOT_API_VERSION, kind: IOT_APP_KIND },
    loader: () =>
      import('./components/ListingContent').then(m => <m.ListingContent />),
  },
});

/**
 * The "Review" tab of an app's catalog page (REV-1..3): the pending
 * submission with Approve / Reject, or that nothing is in review.
 */
export const iotAppReviewEntityContent = EntityContentBlueprint.make({
  name: 'app-review',
  params: {
    path: '/review',
    title: 'Review',
    filter: { apiVersion: IOT_API_VERSION, kind: IOT_APP_KIND },
    loader: () =>
      import('./components/ReviewContent').then(m => <m.ReviewContent />),
  },
});
