import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AppsIcon from '@material-ui/icons/Apps';
import LayersIcon from '@material-ui/icons/Layers';
import RateReviewIcon from '@material-ui/icons/RateReview';
import {
  appsRouteRef,
  imagesRouteRef,
  reviewsRouteRef,
  specRouteRef,
} from './routes';

// The title doubles as the sidebar entry, which pages with a title, an icon
// and a route ref get without a separate nav item.
export const imagesPage = PageBlueprint.make({
  name: 'images',
  params: {
    path: '/iot/images',
    title: 'Images',
    icon: <LayersIcon />,
    routeRef: imagesRouteRef,
    loader: () => import('./components/ImagesPage').then(m => <m.ImagesPage />),
  },
});

export const appsPage = PageBlueprint.make({
  name: 'apps',
  params: {
    path: '/iot/apps',
    title: 'Apps',
    icon: <AppsIcon />,
    routeRef: appsRouteRef,
    loader: () => import('./components/AppsPage').then(m => <m.AppsPage />),
  },
});

// No icon: a page of one spec is reached from its app, not from the sidebar.
export const specPage = PageBlueprint.make({
  name: 'spec',
  params: {
    path: '/iot/specs/:specId',
    title: 'Spec',
    routeRef: specRouteRef,
    loader: () => import('./components/SpecPage').then(m => <m.SpecPage />),
  },
});

// For the reviewers group; others who open it are told they may not.
export const reviewsPage = PageBlueprint.make({
  name: 'reviews',
  params: {
    path: '/iot/reviews',
    title: 'Reviews',
    icon: <RateReviewIcon />,
    routeRef: reviewsRouteRef,
    loader: () =>
      import('./components/ReviewsPage').then(m => <m.ReviewsPage />),
  },
});
