import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  field,
  findSpecRow,
  relatedSpecLoaded,
  renderEntityCard,
} from '../../__testUtils__/cards';
import { app, spec } from '../../__testUtils__/entities';
import { IotAppCard } from './IotAppCard';

function renderCard(
  entity: Entity,
  catalog = catalogApiMock({ entities: [spec] }),
) {
  return renderEntityCard(<IotAppCard />, entity, catalog);
}

describe('IotAppCard', () => {
  it('shows the fields of the app with human labels', async () => {
    renderCard(app);
    await relatedSpecLoaded();

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
    await relatedSpecLoaded();
    expect(
      within(field('Review status'))
        .getByText('Rejected')
        .closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'danger');
  });

  it('treats an app without review status as a draft', async () => {
    renderCard({ ...app, metadata: { ...app.metadata, annotations: {} } });
    await relatedSpecLoaded();
    expect(
      within(field('Review status')).getByText('Draft').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'neutral');
  });

  it('lists the specs of the app from its hasPart relations', async () => {
    renderCard(app);

    const row = await findSpecRow('Specs');
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
