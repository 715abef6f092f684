import { PageBlueprint } from '@backstage/frontend-plugin-api';
import LayersIcon from '@material-ui/icons/Layers';
import { imagesRouteRef } from './routes';

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
