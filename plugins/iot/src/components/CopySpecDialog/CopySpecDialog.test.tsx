import { ConflictError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { edgeSpec } from '../../__testUtils__/apps';
import { CopySpecDialog } from './CopySpecDialog';

async function renderDialog(spec = edgeSpec) {
  const onSubmit = jest.fn(async (_name: string) => undefined);
  renderInTestApp(
    <CopySpecDialog spec={spec} onSubmit={onSubmit} onClose={jest.fn()} />,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Copy spec' });
  const name = within(dialog).getByRole('textbox', {
    name: /^Name of the copy/,
  });
  return { dialog, name, onSubmit };
}

describe('CopySpecDialog', () => {
  it('suggests "<name> (copy)" and copies under that name', async () => {
    const { dialog, name, onSubmit } = await renderDialog();
    expect(dialog).toHaveTextContent(
      'Copy Smart Parking — edge, dependency graph included, into a new spec of the same app.',
    );
    expect(name).toHaveValue('Smart Parking — edge (copy)');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));

    expect(onSubmit).toHaveBeenCalledWith('Smart Parking — edge (copy)');
  });

  it('keeps the suggestion within 64 characters', async () => {
    const { name } = await renderDialog({ ...edgeSpec, name: 'e'.repeat(64) });
    expect(name).toHaveValue(`${'e'.repeat(57)} (copy)`);
    expect(name).toHaveAccessibleDescription('64/64');
  });

  it('wants a name and shows the refusal of the server', async () => {
    const { dialog, name, onSubmit } = await renderDialog();

    await userEvent.clear(name);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(name).toHaveAccessibleDescription('Required0/64');
    expect(onSubmit).not.toHaveBeenCalled();

    onSubmit.mockRejectedValue(new ConflictError("a spec named 'Edge' exists"));
    await userEvent.type(name, 'Edge');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not copy the spec');
    expect(alert).toHaveTextContent("a spec named 'Edge' exists");
  });
});
