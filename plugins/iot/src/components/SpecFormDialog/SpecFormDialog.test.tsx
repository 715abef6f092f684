import { InputError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateSpecRequest } from '@internal/backstage-plugin-iot-common';
import { SpecFormDialog, SpecFormDialogProps } from './SpecFormDialog';

async function renderDialog(props: Partial<SpecFormDialogProps> = {}) {
  const onSubmit = jest.fn(async (_request: CreateSpecRequest) => undefined);
  renderInTestApp(
    <SpecFormDialog
      open
      title="New spec"
      submitLabel="Create"
      failedTitle="Could not create the spec"
      onSubmit={onSubmit}
      onClose={jest.fn()}
      {...props}
    />,
  );
  const dialog = await screen.findByRole('dialog', { name: 'New spec' });
  return { dialog, onSubmit };
}

const field = (dialog: HTMLElement, role: string, name: RegExp) =>
  within(dialog).getByRole(role, { name });

async function paste(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('SpecFormDialog', () => {
  it('offers the spec types and deploy locations by name', async () => {
    const { dialog } = await renderDialog();

    const options = (name: RegExp) =>
      within(field(dialog, 'combobox', name))
        .getAllByRole('option')
        .map(o => o.textContent);
    expect(options(/^Type/)).toEqual([
      'Choose a type',
      'General',
      'Custom',
      'Experience',
    ]);
    expect(options(/^Deploy location/)).toEqual([
      'Choose a deploy location',
      'Public cloud',
      'Edge site',
      'Private cloud',
    ]);
    expect(field(dialog, 'checkbox', /Allow 7-day trial/)).not.toBeChecked();
  });

  it('wants every field but the trial, with the description counted to 300', async () => {
    const { dialog, onSubmit } = await renderDialog();
    const description = field(dialog, 'textbox', /^Description/);
    expect(description).toHaveAccessibleDescription('0/300');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(field(dialog, 'combobox', /^Type/)).toHaveAccessibleDescription(
      'Required',
    );
    expect(
      field(dialog, 'combobox', /^Deploy location/),
    ).toHaveAccessibleDescription('Required');
    expect(field(dialog, 'textbox', /^Name/)).toHaveAccessibleDescription(
      'Required0/64',
    );
    expect(description).toHaveAccessibleDescription('Required0/300');
    expect(onSubmit).not.toHaveBeenCalled();

    await paste(description, 'x'.repeat(301));
    expect(description).toHaveAccessibleDescription(
      'At most 300 characters301/300',
    );
  });

  it('sends a complete spec', async () => {
    const { dialog, onSubmit } = await renderDialog();

    await userEvent.selectOptions(field(dialog, 'combobox', /^Type/), 'Custom');
    await userEvent.selectOptions(
      field(dialog, 'combobox', /^Deploy location/),
      'Edge site',
    );
    await paste(field(dialog, 'textbox', /^Name/), ' Edge ');
    await paste(field(dialog, 'textbox', /^Description/), 'On site');
    await userEvent.click(field(dialog, 'checkbox', /Allow 7-day trial/));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(onSubmit).toHaveBeenCalledWith({
      type: 'custom',
      deployLocation: 'edge-site',
      name: 'Edge',
      description: 'On site',
      allowTrial: true,
    });
  });

  it("edits a spec's values and shows the server's refusal", async () => {
    const { dialog, onSubmit } = await renderDialog({
      initial: {
        type: 'general',
        deployLocation: 'public-cloud',
        name: 'Standard',
        description: 'Up to 5 000 bays.',
        allowTrial: true,
      },
    });
    onSubmit.mockRejectedValue(
      new InputError("a spec named 'Standard' already exists in this app"),
    );
    expect(field(dialog, 'checkbox', /Allow 7-day trial/)).toBeChecked();
    expect(
      field(dialog, 'textbox', /^Description/),
    ).toHaveAccessibleDescription('17/300');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Standard', type: 'general' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not create the spec');
    expect(alert).toHaveTextContent(
      "a spec named 'Standard' already exists in this app",
    );
  });
});
