import { ConflictError, NotAllowedError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { mockApis } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { smartParkingApp } from '../../__testUtils__/apps';
import {
  field,
  findSpecRow,
  relatedSpecLoaded,
  renderEntityCard,
} from '../../__testUtils__/cards';
import { app, spec } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { currentPath } from '../../__testUtils__/routes';
import { IotAppCard } from './IotAppCard';

function renderCard(
  entity: Entity,
  api = fakeIotApi(),
  catalog = catalogApiMock({ entities: [spec] }),
) {
  renderEntityCard(<IotAppCard />, entity, catalog, [
    [iotApiRef, api],
    mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
  ]);
  return api;
}

describe('IotAppCard', () => {
  it('shows the fields of the app with labels from the taxonomy', async () => {
    const api = renderCard(app);
    await relatedSpecLoaded();

    expect(
      screen.getByRole('heading', { name: 'IoT app' }),
    ).toBeInTheDocument();
    expect(api.getApp).toHaveBeenCalledWith('smart-parking');
    expect(field('Name')).toHaveTextContent('Smart Parking');
    expect(field('Review status')).toHaveTextContent('In review');
    await waitFor(() =>
      expect(field('Scenario')).toHaveTextContent('Smart parking'),
    );
    expect(field('Industry')).toHaveTextContent('Smart city');
    expect(field('Description')).toHaveTextContent(
      'Guides drivers to free parking bays.',
    );
    expect(
      within(field('Owner')).getByRole('link', { name: /isv-acme/ }),
    ).toHaveAttribute('href', '/catalog/default/group/isv-acme');
  });

  it('colours the review status chip by the state the API reports', async () => {
    const api = fakeIotApi();
    api.getApp.mockResolvedValue({
      ...smartParkingApp,
      reviewStatus: 'rejected',
    });
    renderCard(app, api);

    expect(
      (await within(field('Review status')).findByText('Rejected')).closest(
        '[data-tone]',
      ),
    ).toHaveAttribute('data-tone', 'danger');
  });

  it("keeps the catalog's view when the API does not show the app", async () => {
    const api = fakeIotApi();
    api.getApp.mockRejectedValue(new NotAllowedError('not yours'));
    renderCard({ ...app, metadata: { ...app.metadata, annotations: {} } }, api);
    await relatedSpecLoaded();

    expect(
      within(field('Review status')).getByText('Draft').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'neutral');
    expect(field('Name')).toHaveTextContent('Smart Parking');
    expect(screen.queryByRole('alert')).toBeNull();
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
      fakeIotApi(),
      catalogApiMock.mock({
        getEntitiesByRefs: jest.fn().mockRejectedValue(new Error('offline')),
      }),
    );

    expect(
      await screen.findByText('Could not load from the catalog: offline'),
    ).toBeInTheDocument();
  });

  it('edits the app in the app form and shows the result', async () => {
    const api = renderCard(app);
    await relatedSpecLoaded();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit app' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit app' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    expect(name).toHaveValue('Smart Parking');
    await waitFor(() =>
      expect(
        within(dialog).getByRole('combobox', { name: /^Scenario/ }),
      ).toHaveValue('parking'),
    );
    await userEvent.clear(name);
    await userEvent.click(name);
    await userEvent.paste('Smart Parking Pro');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.updateApp).toHaveBeenCalledWith('smart-parking', {
      name: 'Smart Parking Pro',
      industry: 'smart-city',
      scenario: 'parking',
      description: 'Guides drivers to free parking bays.',
    });
    await waitFor(() =>
      expect(field('Name')).toHaveTextContent('Smart Parking Pro'),
    );
  });

  it('deletes the app after confirmation, showing why a published app stays', async () => {
    const api = fakeIotApi();
    api.deleteApp.mockRejectedValueOnce(
      new ConflictError(
        'Smart Parking has been published; unlist it before deleting it',
      ),
    );
    renderCard(app, api);
    await relatedSpecLoaded();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete app' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Delete app' });
    expect(dialog).toHaveTextContent(
      'Delete the app Smart Parking and its specs? This cannot be undone.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not delete the app');
    expect(alert).toHaveTextContent(
      'Smart Parking has been published; unlist it before deleting it',
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(api.deleteApp).toHaveBeenCalledWith('smart-parking');
    await waitFor(() => expect(currentPath()).toBe('/iot/apps'));
  });
});
