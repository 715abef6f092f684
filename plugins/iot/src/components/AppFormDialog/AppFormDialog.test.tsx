import { InputError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import type { AppFormValues } from '../../lib/forms';
import { AppFormDialog, AppFormDialogProps } from './AppFormDialog';

async function renderDialog(props: Partial<AppFormDialogProps> = {}) {
  const onSubmit = jest.fn(async (_values: AppFormValues) => undefined);
  const onClose = jest.fn();
  renderInTestApp(
    <AppFormDialog
      open
      title="New app"
      submitLabel="Create"
      failedTitle="Could not create the app"
      onSubmit={onSubmit}
      onClose={onClose}
      {...props}
    />,
    { apis: [[iotApiRef, fakeIotApi()]] },
  );
  const dialog = await screen.findByRole('dialog', { name: 'New app' });
  // the industries arrive from GET /app-taxonomy
  await within(dialog).findByRole('option', { name: 'Smart city' });
  return { dialog, onSubmit, onClose };
}

const nameField = (dialog: HTMLElement) =>
  within(dialog).getByRole('textbox', { name: /^Name/ });
const descriptionField = (dialog: HTMLElement) =>
  within(dialog).getByRole('textbox', { name: /^Description/ });
const industryField = (dialog: HTMLElement) =>
  within(dialog).getByRole('combobox', { name: /^Industry/ });
const scenarioField = (dialog: HTMLElement) =>
  within(dialog).getByRole('combobox', { name: /^Scenario/ });

async function fillIn(dialog: HTMLElement) {
  await userEvent.click(nameField(dialog));
  await userEvent.paste('  Smart Parking ');
  await userEvent.selectOptions(industryField(dialog), 'Smart city');
  await userEvent.selectOptions(scenarioField(dialog), 'Smart parking');
  await userEvent.click(descriptionField(dialog));
  await userEvent.paste('Guides drivers.');
}

describe('AppFormDialog', () => {
  it('counts the characters of the name and the description as they are typed', async () => {
    const { dialog } = await renderDialog();
    expect(dialog).toHaveTextContent('0/64');
    expect(dialog).toHaveTextContent('0/1024');

    await userEvent.type(nameField(dialog), 'Smart');
    await userEvent.type(descriptionField(dialog), 'Guides');

    expect(nameField(dialog)).toHaveAccessibleDescription('5/64');
    expect(descriptionField(dialog)).toHaveAccessibleDescription('6/1024');
  });

  it('says which required fields are missing instead of sending', async () => {
    const { dialog, onSubmit } = await renderDialog();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(nameField(dialog)).toHaveAccessibleDescription('Required0/64');
    expect(industryField(dialog)).toHaveAccessibleDescription('Required');
    expect(scenarioField(dialog)).toHaveAccessibleDescription('Required');
    expect(nameField(dialog)).toBeInvalid();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses a name over 64 and a description over 1024 characters at once', async () => {
    const { dialog, onSubmit } = await renderDialog();

    await userEvent.click(nameField(dialog));
    await userEvent.paste('x'.repeat(65));
    await userEvent.click(descriptionField(dialog));
    await userEvent.paste('y'.repeat(1025));

    expect(nameField(dialog)).toHaveAccessibleDescription(
      'At most 64 characters65/64',
    );
    expect(descriptionField(dialog)).toHaveAccessibleDescription(
      'At most 1024 characters1025/1024',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('offers the scenarios of the chosen industry', async () => {
    const { dialog } = await renderDialog();
    expect(scenarioField(dialog)).toBeDisabled();

    await userEvent.selectOptions(industryField(dialog), 'Smart city');
    expect(scenarioField(dialog)).toBeEnabled();
    expect(
      within(scenarioField(dialog))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Choose a scenario', 'Smart parking', 'Street lighting']);
    await userEvent.selectOptions(scenarioField(dialog), 'Street lighting');

    await userEvent.selectOptions(industryField(dialog), 'Energy');
    expect(scenarioField(dialog)).toHaveValue('');
    expect(
      within(scenarioField(dialog))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Choose a scenario', 'Smart metering']);
  });

  it('sends the checked values with the name trimmed', async () => {
    const { dialog, onSubmit } = await renderDialog();
    await fillIn(dialog);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(onSubmit).toHaveBeenCalledWith({
      name: 'Smart Parking',
      industry: 'smart-city',
      scenario: 'parking',
      description: 'Guides drivers.',
    });
  });

  it("shows the server's refusal and keeps the form", async () => {
    const { dialog, onSubmit } = await renderDialog();
    onSubmit.mockRejectedValue(
      new InputError("scenario 'parking' is not a scenario of 'energy'"),
    );
    await fillIn(dialog);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Could not create the app');
    expect(alert).toHaveTextContent(
      "scenario 'parking' is not a scenario of 'energy'",
    );
    expect(nameField(dialog)).toHaveValue('  Smart Parking ');
  });

  it('starts from the values of the app being edited', async () => {
    const { dialog } = await renderDialog({
      title: 'New app',
      initial: {
        name: 'Smart Parking',
        industry: 'smart-city',
        scenario: 'parking',
        description: 'Guides drivers.',
      },
    });

    expect(nameField(dialog)).toHaveValue('Smart Parking');
    await waitFor(() =>
      expect(industryField(dialog)).toHaveValue('smart-city'),
    );
    expect(scenarioField(dialog)).toHaveValue('parking');
    expect(descriptionField(dialog)).toHaveAccessibleDescription('15/1024');
  });

  it('says what it waits for while the app is being published', async () => {
    const { dialog } = await renderDialog({
      progress: 'Publishing to the catalog…',
    });

    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Publishing to the catalog…',
    );
    expect(nameField(dialog)).toBeDisabled();
  });
});
