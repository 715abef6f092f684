import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { ReactElement } from 'react';
import { CurrentLocation, iotMountedRoutes } from './routes';

type TestApis = NonNullable<Parameters<typeof renderInTestApp>[1]>['apis'];

/**
 * Renders `card` on the page of `entity`, with entity links routed as in the
 * catalog. `catalog` serves the cards that load related entities; `apis`
 * adds the others a card needs.
 */
export function renderEntityCard(
  card: ReactElement,
  entity: Entity,
  catalog?: ReturnType<typeof catalogApiMock>,
  apis: TestApis = [],
) {
  return renderInTestApp(
    <>
      <EntityProvider entity={entity}>{card}</EntityProvider>
      <CurrentLocation />
    </>,
    {
      apis: [...(catalog ? [catalog] : []), ...(apis ?? [])],
      mountedRoutes: iotMountedRoutes,
    },
  );
}

/** The value of the card field labelled `label`. */
export function field(label: string) {
  return screen.getByText(label, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

/** A table of related specs loads after the first render; let it settle. */
export function relatedSpecLoaded() {
  return screen.findByRole('link', { name: 'Smart Parking — standard' });
}

/**
 * The row of the demo spec in the table of the card section `sectionName`,
 * once loaded; checks that the spec's title links to the spec.
 */
export async function findSpecRow(sectionName: string) {
  const section = screen.getByRole('region', { name: sectionName });
  const row = await within(section).findByRole('row', {
    name: /Smart Parking — standard/,
  });
  expect(
    within(row).getByRole('link', { name: 'Smart Parking — standard' }),
  ).toHaveAttribute('href', '/catalog/default/iotspec/smart-parking-standard');
  return row;
}
