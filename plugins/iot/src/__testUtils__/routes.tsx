import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { appsRouteRef, reviewsRouteRef, specRouteRef } from '../routes';

/** Where the portal's links lead, as the app mounts them. */
export const iotMountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/iot/apps': appsRouteRef,
  '/iot/specs/:specId': specRouteRef,
  '/iot/reviews': reviewsRouteRef,
};

/**
 * Shows the current path, so that a test sees where a component navigated;
 * read it with {@link currentPath}.
 */
export function CurrentLocation() {
  const { pathname } = useLocation();
  return <div data-testid="current-location">{pathname}</div>;
}

export const currentPath = () =>
  screen.getByTestId('current-location').textContent;
