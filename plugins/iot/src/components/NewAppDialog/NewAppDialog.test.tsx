import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { meterApp } from '../../__testUtils__/apps';
import { app } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import {
  CurrentLocation,
  currentPath,
  iotMountedRoutes,
} from '../../__testUtils__/routes';
import { NewAppDialog } from './NewAppDialog';

async function renderDialog(getEntityByRef: jest.Mock) {
  const api = fakeIotApi();
  const onNotYetListed = jest.fn();
  renderInTestApp(
    <>
      <NewAppDialog open onClose={jest.fn()} onNotYetListed={onNotYetListed} />
      <CurrentLocation />
    </>,
    {
      apis: [[iotApiRef, api], catalogApiMock.mock({ getEntityByRef })],
      mountedRoutes: iotMountedRoutes,
    },
  );
  const dialog = await screen.findByRole('dialog', { name: 'New app' });
  await within(dialog).findByRole('option', { name: 'Energy' });
  const user = userEvent.setup();
  await user.click(within(dialog).getByRole('textbox', { name: /^Name/ }));
  await user.paste('Grid Meter');
  await user.selectOptions(
    within(dialog).getByRole('combobox', { name: /^Industry/ }),
    'Energy',
  );
  await user.selectOptions(
    within(dialog).getByRole('combobox', { name: /^Scenario/ }),
    'Smart metering',
  );
  return { api, dialog, user, onNotYetListed };
}

describe('NewAppDialog', () => {
  it("creates the app, waits for the catalog and opens the app's page", async () => {
    const getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(app);
    const { api, dialog, user } = await renderDialog(getEntityByRef);

    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(api.createApp).toHaveBeenCalledWith({
      name: 'Grid Meter',
      industry: 'energy',
      scenario: 'metering',
      description: '',
    });
    expect(
      await within(dialog).findByText('Publishing to the catalog…'),
    ).toBeInTheDocument();
    expect(currentPath()).toBe('/');

    await waitFor(
      () => expect(currentPath()).toBe('/catalog/default/iotapp/grid-meter'),
      { timeout: 3000 },
    );
    expect(getEntityByRef).toHaveBeenCalledWith('iotapp:default/grid-meter');
    // typing four fields and one real 1 s catalog poll: slow on a busy 2-core CI machine
  }, 15_000);

  it('stops waiting after 15 seconds and says the app is not listed yet', async () => {
    const getEntityByRef = jest.fn().mockResolvedValue(undefined);
    const { dialog, onNotYetListed } = await renderDialog(getEntityByRef);
    jest.useFakeTimers();
    try {
      const user = userEvent.setup({
        advanceTimers: ms => jest.advanceTimersByTime(ms),
      });
      await user.click(within(dialog).getByRole('button', { name: 'Create' }));
      await act(() => jest.advanceTimersByTimeAsync(14_000));
      expect(onNotYetListed).not.toHaveBeenCalled();

      await act(() => jest.advanceTimersByTimeAsync(2_000));
      expect(onNotYetListed).toHaveBeenCalledWith(
        expect.objectContaining({ id: meterApp.id, name: 'Grid Meter' }),
      );
      expect(currentPath()).toBe('/');
    } finally {
      jest.useRealTimers();
    }
  });
});
