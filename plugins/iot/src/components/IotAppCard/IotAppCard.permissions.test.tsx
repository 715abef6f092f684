import { mockApis } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { iotApiRef } from '../../api';
import {
  field,
  relatedSpecLoaded,
  renderEntityCard,
} from '../../__testUtils__/cards';
import { app, spec } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { IotAppCard } from './IotAppCard';

// A file of its own: usePermission caches decisions for the whole module.
describe('IotAppCard for users who may not change the app', () => {
  it('shows the app without Edit and Delete', async () => {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    renderEntityCard(
      <IotAppCard />,
      app,
      catalogApiMock({ entities: [spec] }),
      [[iotApiRef, fakeIotApi()], mockApis.permission({ authorize })],
    );
    await relatedSpecLoaded();

    expect(field('Review status')).toHaveTextContent('In review');
    expect(screen.queryByRole('button', { name: 'Edit app' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete app' })).toBeNull();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'iot.app.update' }),
        resourceRef: 'iotapp:default/smart-parking',
      }),
    );
  });
});
