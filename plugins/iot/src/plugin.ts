import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { iotApi } from './apis';
import {
  iotAppEntityCard,
  iotImageEntityCard,
  iotSpecEntityCard,
} from './entityCards';
import {
  iotAppListingEntityContent,
  iotAppReviewEntityContent,
  iotAppSpecsEntityContent,
} from './entityContents';
import { appsPage, imagesPage, reviewsPage, specPage } from './pages';
import {
  appsRouteRef,
  imagesRouteRef,
  reviewRouteRef,
  reviewsRouteRef,
  specRouteRef,
} from './routes';

/**
 * The IoT portal's frontend: the ISV's Apps and Images pages, a page per
 * spec, the reviewers' Reviews page, entity page cards for IotApp, IotSpec
 * and IotImage and the Specs, Listing and Review tabs of an app. Its Chinese comes
 * with `iotTranslationsModule`, which the app installs.
 *
 * @public
 */
export const iotPlugin = createFrontendPlugin({
  pluginId: 'iot',
  title: 'IoT',
  routes: {
    images: imagesRouteRef,
    apps: appsRouteRef,
    spec: specRouteRef,
    reviews: reviewsRouteRef,
    review: reviewRouteRef,
  },
  extensions: [
    iotApi,
    appsPage,
    imagesPage,
    specPage,
    reviewsPage,
    iotAppEntityCard,
    iotSpecEntityCard,
    iotImageEntityCard,
    iotAppSpecsEntityContent,
    iotAppListingEntityContent,
    iotAppReviewEntityContent,
  ],
});
