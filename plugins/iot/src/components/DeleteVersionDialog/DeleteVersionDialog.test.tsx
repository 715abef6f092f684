import { ConflictError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { DeleteVersionDialog } from './DeleteVersionDialog';

const target = { name: 'parking-server', version: '1.4.2' };

async function renderDialog(api = fakeIotApi()) {
  const onClose = jest.fn();
  const onDeleted = jest.fn();
  renderInTestApp(
    <DeleteVersionDialog
      target={target}
      onClose={onClose}
      onDeleted={onDeleted}
    />,
    { apis: [[iotApiRef, api]] },
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Delete image version',
  });
  return { api, dialog, onClose, onDeleted };
}

describe('DeleteVersionDialog', () => {
  it('asks for confirmation, then deletes', async () => {
    const { api, dialog, onDeleted } = await renderDialog();
    expect(dialog).toHaveTextContent(
      'Delete version 1.4.2 of parking-server? This cannot be undone.',
    );
    expect(api.deleteImageVersion).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(api.deleteImageVersion).toHaveBeenCalledWith(
      'parking-server',
      '1.4.2',
    );
    expect(onDeleted).toHaveBeenCalledWith(target);
  });

  it('deletes nothing when cancelled', async () => {
    const { api, dialog, onClose } = await renderDialog();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    expect(onClose).toHaveBeenCalled();
    expect(api.deleteImageVersion).not.toHaveBeenCalled();
  });

  it("shows the server's refusal naming the apps", async () => {
    const api = fakeIotApi();
    api.deleteImageVersion.mockRejectedValue(
      new ConflictError(
        'parking-server 1.4.2 is used by Smart Parking (smart-parking-standard); remove it from these specs first',
      ),
    );
    const { dialog, onDeleted } = await renderDialog(api);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not delete the version');
    expect(alert).toHaveTextContent(
      'parking-server 1.4.2 is used by Smart Parking (smart-parking-standard)',
    );
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
