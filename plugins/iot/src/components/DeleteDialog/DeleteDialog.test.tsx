import { ConflictError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeleteDialog } from './DeleteDialog';

async function renderDialog(onConfirm = jest.fn(async () => undefined)) {
  const onClose = jest.fn();
  renderInTestApp(
    <DeleteDialog
      open
      title="Delete app"
      body="Delete the app Smart Parking and its specs? This cannot be undone."
      failedTitle="Could not delete the app"
      onConfirm={onConfirm}
      onClose={onClose}
    />,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Delete app' });
  return { dialog, onConfirm, onClose };
}

describe('DeleteDialog', () => {
  it('asks, then deletes', async () => {
    const { dialog, onConfirm } = await renderDialog();
    expect(dialog).toHaveTextContent(
      'Delete the app Smart Parking and its specs? This cannot be undone.',
    );
    expect(onConfirm).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('deletes nothing when cancelled', async () => {
    const { dialog, onConfirm, onClose } = await renderDialog();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    expect(onClose).toHaveBeenCalled();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("shows the server's 409 reason and stays open", async () => {
    const { dialog, onClose } = await renderDialog(
      jest.fn(async () => {
        throw new ConflictError(
          'Smart Parking is published; unlist it before deleting it',
        );
      }),
    );

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not delete the app');
    expect(alert).toHaveTextContent(
      'Smart Parking is published; unlist it before deleting it',
    );
    expect(onClose).not.toHaveBeenCalled();
  });
});
