import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { app, spec } from '../../testUtils/entities';
import { IotAppCard } from './IotAppCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function renderCard(
  entity: Entity,
  catalog = catalogApiMock({ entities: [spec] }),
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <IotAppCard />
    </EntityProvider>,
    { apis: [catalog], mountedRoutes },
  );
}

/** The spec table loads after the first render; let it settle. */
async function specsLoaded() {
  await screen.findByRole('link', { name: 'Smart Parking — standard' });
}

function field(label: string) {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('IotAppCard', () => {
  it('shows the fields of the app with human labels', async () => {
    renderCard(app);
    await specsLoaded();

    expect(
      screen.getByRole('heading', { name: 'IoT app' }),
    ).toBeInTheDocument();
    expect(field('Review status')).toHaveTextContent('In review');
    expect(field('Industry')).toHaveTextContent('Smart city');
    expect(field('Scenario')).toHaveTextContent('Parking');
    expect(field('Description')).toHaveTextContent(
      'Guides drivers to free parking bays.',
    );
    expect(
      within(field('Owner')).getByRole('link', { name: /isv-acme/ }),
    ).toHaveAttribute('href', '/catalog/default/group/isv-acme');
  });

  it('colours the review status chip by state', async () => {
    renderCard({
      ...app,
      metadata: {
        ...app.metadata,
        annotations: { 'iot.portal/review-status': 'rejected' },
      },
    });
    await specsLoaded();
    expect(
      within(field('Review status'))
        .getByText('Rejected')
        .closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'danger');
  });

  it('treats an app without review status as a draft', async () => {
    renderCard({ ...app, metadata: { ...app.metadata, annotations: {} } });
    await specsLoaded();
    expect(
      within(field('Review status')).getByText('Draft').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'neutral');
  });

  it('lists the specs of the app from its hasPart relations', async () => {
    renderCard(app);

    const specs = screen.getByRole('region', { name: 'Specs' });
    const row = await within(specs).findByRole('row', {
      name: /Smart Parking — standard/,
    });
    expect(
      within(row).getByRole('link', { name: 'Smart Parking — standard' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/iotspec/smart-parking-standard',
    );
    expect(row).toHaveTextContent('General');
    expect(row).toHaveTextContent('Public cloud');
    expect(row).toHaveTextContent('Yes');
  });

  it('says what to do when the app has no specs', async () => {
    renderCard({ ...app, relations: app.relations!.slice(0, 1) });

    expect(
      await screen.findByText(/No specs yet — add a spec/),
    ).toBeInTheDocument();
  });

  it('reports specs that cannot be loaded', async () => {
    renderCard(
      app,
      catalogApiMock.mock({
        getEntitiesByRefs: jest.fn().mockRejectedValue(new Error('offline')),
      }),
    );

    expect(
      await screen.findByText('Could not load from the catalog: offline'),
    ).toBeInTheDocument();
  });
});
