import { ConflictError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionDialog } from './ActionDialog';

async function renderDialog(
  options: {
    onSubmit?: () => Promise<void>;
    canSubmit?: () => boolean;
  } = {},
) {
  const onSubmit = jest.fn(options.onSubmit ?? (async () => undefined));
  const onClose = jest.fn();
  renderInTestApp(
    <ActionDialog
      open
      title="Rename"
      submitLabel="Rename"
      failedTitle="Could not rename"
      canSubmit={options.canSubmit}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      {({ pending }) => <input aria-label="Name" disabled={pending} />}
    </ActionDialog>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Rename' });
  return { dialog, onSubmit, onClose };
}

describe('ActionDialog', () => {
  it('runs the action from its button and from Enter in a field', async () => {
    const { dialog, onSubmit } = await renderDialog();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rename' }),
    );
    await userEvent.type(within(dialog).getByLabelText('Name'), 'x{Enter}');

    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it('does not run the action while canSubmit says no', async () => {
    const { dialog, onSubmit } = await renderDialog({
      canSubmit: () => false,
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rename' }),
    );

    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('disables the fields and Cancel while the action runs', async () => {
    let finish!: () => void;
    const { dialog } = await renderDialog({
      onSubmit: () => new Promise<void>(resolve => (finish = resolve)),
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rename' }),
    );

    expect(within(dialog).getByLabelText('Name')).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    finish();
    expect(await within(dialog).findByLabelText('Name')).toBeEnabled();
  });

  it("shows the server's refusal and stays open", async () => {
    const { dialog, onClose } = await renderDialog({
      onSubmit: async () => {
        throw new ConflictError('the name is taken');
      },
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rename' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not rename');
    expect(alert).toHaveTextContent('the name is taken');
    expect(onClose).not.toHaveBeenCalled();
  });
});
