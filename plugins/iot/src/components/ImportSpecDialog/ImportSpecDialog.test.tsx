import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IotSpecItem } from '@internal/backstage-plugin-iot-common';
import { UploadError, iotApiRef } from '../../api';
import type { ImportSpecOptions } from '../../api';
import { edgeSpec } from '../../__testUtils__/apps';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { fakeFile } from '../../__testUtils__/images';
import { ImportSpecDialog } from './ImportSpecDialog';

async function renderDialog(api = fakeIotApi()) {
  const onImported = jest.fn();
  const onClose = jest.fn();
  renderInTestApp(
    <ImportSpecDialog
      open
      appId="grid-meter"
      appName="Grid Meter"
      onClose={onClose}
      onImported={onImported}
    />,
    { apis: [[iotApiRef, api]] },
  );
  const dialog = await screen.findByRole('dialog', { name: 'Import spec' });
  return { api, dialog, onImported, onClose };
}

const input = () => screen.getByLabelText('Choose spec archive');

describe('ImportSpecDialog', () => {
  it('offers a drop zone and a picker for .zip archives', async () => {
    const { dialog } = await renderDialog();

    expect(dialog).toHaveTextContent('the new spec joins Grid Meter');
    const zone = within(dialog).getByRole('region', {
      name: 'Drop a spec archive to import it',
    });
    expect(zone).toHaveTextContent(
      'A .zip exported from a spec, at most 500 KB',
    );
    expect(
      within(zone).getByRole('button', { name: 'Choose file' }),
    ).toBeEnabled();
    expect(input()).toHaveAttribute('accept', '.zip,application/zip');
  });

  it('refuses a file that is not a .zip before sending it', async () => {
    const { api, dialog } = await renderDialog();

    await userEvent.upload(input(), fakeFile('edge.tar.gz'), {
      applyAccept: false,
    });

    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('edge.tar.gz cannot be imported');
    expect(alert).toHaveTextContent(
      'Spec archives are .zip files made with "Export"; got \'edge.tar.gz\'',
    );
    expect(api.importSpec).not.toHaveBeenCalled();
  });

  it('refuses an archive over 500 KB before sending it', async () => {
    const { api, dialog } = await renderDialog();

    fireEvent.drop(
      within(dialog).getByRole('region', {
        name: 'Drop a spec archive to import it',
      }),
      { dataTransfer: { files: [fakeFile('edge.zip', 600 * 1024)] } },
    );

    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      "Spec archives can be at most 500 KB; 'edge.zip' is 600 KiB",
    );
    expect(api.importSpec).not.toHaveBeenCalled();
  });

  it('imports a dropped archive with progress', async () => {
    const api = fakeIotApi();
    let finish: (spec: IotSpecItem) => void = () => {};
    let options: ImportSpecOptions | undefined;
    api.importSpec.mockImplementation(
      (_appId, _file, importOptions) =>
        new Promise(resolve => {
          options = importOptions;
          finish = resolve;
        }),
    );
    const { dialog, onImported } = await renderDialog(api);
    const file = fakeFile('edge.zip', 4096);

    fireEvent.drop(
      within(dialog).getByRole('region', {
        name: 'Drop a spec archive to import it',
      }),
      { dataTransfer: { files: [file] } },
    );
    expect(api.importSpec).toHaveBeenCalledWith(
      'grid-meter',
      file,
      expect.anything(),
    );
    act(() => options?.onProgress?.({ loaded: 1024, total: 4096 }));

    expect(dialog).toHaveTextContent('Importing edge.zip… 25%');
    expect(
      within(dialog).getByRole('progressbar', { name: 'Import progress' }),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(
      within(dialog).getByRole('button', { name: 'Choose file' }),
    ).toBeDisabled();

    const imported = { ...edgeSpec, appId: 'grid-meter' };
    await act(async () => finish(imported));
    expect(onImported).toHaveBeenCalledWith(imported);
  });

  it("shows the server's refusal of the archive", async () => {
    const api = fakeIotApi();
    api.importSpec.mockRejectedValue(
      new UploadError(400, "archive entry '../evil.json' leaves the archive"),
    );
    const { dialog, onImported } = await renderDialog(api);

    await userEvent.upload(input(), fakeFile('evil.zip'));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The portal refused evil.zip');
    expect(alert).toHaveTextContent(
      "archive entry '../evil.json' leaves the archive",
    );
    expect(onImported).not.toHaveBeenCalled();
  });
});
