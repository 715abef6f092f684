import { ConflictError, NotFoundError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { edgeSpec, standardSpec } from '../../__testUtils__/apps';
import { recordDownloads } from '../../__testUtils__/download';
import { app } from '../../__testUtils__/entities';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { fakeFile } from '../../__testUtils__/images';
import {
  CurrentLocation,
  currentPath,
  iotMountedRoutes,
} from '../../__testUtils__/routes';
import { AppSpecsContent } from './AppSpecsContent';

async function renderTab(api = fakeIotApi()) {
  renderInTestApp(
    <>
      <EntityProvider entity={app}>
        <AppSpecsContent />
      </EntityProvider>
      <CurrentLocation />
    </>,
    {
      apis: [
        [iotApiRef, api],
        catalogApiMock(),
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
      mountedRoutes: iotMountedRoutes,
    },
  );
  return api;
}

const specRow = (name: string) =>
  screen.findByRole('row', { name: new RegExp(name) });

async function paste(element: HTMLElement, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('AppSpecsContent', () => {
  afterEach(() => jest.restoreAllMocks());

  it("lists the app's specs, each linking to its page", async () => {
    const api = await renderTab();

    const standard = await specRow('Smart Parking — standard');
    expect(api.listSpecs).toHaveBeenCalledWith('smart-parking');
    expect(
      within(standard).getByRole('link', { name: 'Smart Parking — standard' }),
    ).toHaveAttribute('href', '/iot/specs/smart-parking-standard');
    expect(standard).toHaveTextContent('General');
    expect(standard).toHaveTextContent('Public cloud');
    expect(standard).toHaveTextContent('Yes');
    expect(
      within(standard).getByRole('link', { name: 'parking-server 1.4.2' }),
    ).toHaveAttribute('href', '/catalog/default/iotimage/parking-server');

    const edge = await specRow('Smart Parking — edge');
    expect(edge).toHaveTextContent('Custom');
    expect(edge).toHaveTextContent('Edge site');
    expect(edge).toHaveTextContent('No');
    expect(edge).toHaveTextContent('None');
  });

  it('creates a spec and opens its page', async () => {
    const api = await renderTab();
    await specRow('Smart Parking — edge');

    await userEvent.click(screen.getByRole('button', { name: 'New spec' }));
    const dialog = await screen.findByRole('dialog', { name: 'New spec' });
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /^Type/ }),
      'Experience',
    );
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: /^Deploy location/ }),
      'Private cloud',
    );
    await paste(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Demo');
    await paste(
      within(dialog).getByRole('textbox', { name: /^Description/ }),
      'Shared demo',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(api.createSpec).toHaveBeenCalledWith('smart-parking', {
      type: 'experience',
      deployLocation: 'private-cloud',
      name: 'Demo',
      description: 'Shared demo',
      allowTrial: false,
    });
    await waitFor(() =>
      expect(currentPath()).toBe('/iot/specs/smart-parking-new'),
    );
  });

  it('edits a spec', async () => {
    const api = await renderTab();
    const edge = await specRow('Smart Parking — edge');

    await userEvent.click(
      within(edge).getByRole('button', { name: 'Edit Smart Parking — edge' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit spec' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    expect(name).toHaveValue('Smart Parking — edge');
    await userEvent.clear(name);
    await paste(name, 'Edge');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.updateSpec).toHaveBeenCalledWith('smart-parking-edge', {
      type: 'custom',
      deployLocation: 'edge-site',
      name: 'Edge',
      description: edgeSpec.description,
      allowTrial: false,
    });
    expect(await screen.findByText('Saved Edge.')).toBeInTheDocument();
    expect(api.listSpecs).toHaveBeenCalledTimes(2);
  });

  it('copies a spec under the suggested name and opens the copy', async () => {
    const api = await renderTab();
    const edge = await specRow('Smart Parking — edge');

    await userEvent.click(
      within(edge).getByRole('button', { name: 'Copy Smart Parking — edge' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Copy spec' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));

    expect(api.copySpec).toHaveBeenCalledWith(
      'smart-parking-edge',
      'Smart Parking — edge (copy)',
    );
    await waitFor(() =>
      expect(currentPath()).toBe('/iot/specs/smart-parking-copy'),
    );
  });

  it('exports a spec as a .zip download', async () => {
    const downloads = recordDownloads();
    const api = await renderTab();
    const standard = await specRow('Smart Parking — standard');

    await userEvent.click(
      within(standard).getByRole('button', {
        name: 'Export Smart Parking — standard',
      }),
    );

    expect(api.exportSpec).toHaveBeenCalledWith('smart-parking-standard');
    await waitFor(() =>
      expect(downloads.map(d => d.fileName)).toEqual([
        'smart-parking-standard.zip',
      ]),
    );
  });

  it('says why an export failed', async () => {
    const api = fakeIotApi();
    api.exportSpec.mockRejectedValue(
      new NotFoundError("spec 'smart-parking-standard' does not exist"),
    );
    await renderTab(api);
    const standard = await specRow('Smart Parking — standard');

    await userEvent.click(
      within(standard).getByRole('button', {
        name: 'Export Smart Parking — standard',
      }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not export Smart Parking — standard',
    );
    expect(alert).toHaveTextContent(
      "spec 'smart-parking-standard' does not exist",
    );
  });

  it("deletes a spec after confirmation, showing the server's refusal first", async () => {
    const api = fakeIotApi();
    api.deleteSpec.mockRejectedValueOnce(
      new ConflictError(
        'Smart Parking — edge is listed on the marketplace; unlist it first',
      ),
    );
    await renderTab(api);
    const edge = await specRow('Smart Parking — edge');

    await userEvent.click(
      within(edge).getByRole('button', { name: 'Delete Smart Parking — edge' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Delete spec' });
    expect(dialog).toHaveTextContent(
      'Delete the spec Smart Parking — edge? This cannot be undone.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Smart Parking — edge is listed on the marketplace; unlist it first',
    );

    api.listSpecs.mockResolvedValue({ items: [standardSpec] });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(api.deleteSpec).toHaveBeenCalledTimes(2);
    expect(api.deleteSpec).toHaveBeenCalledWith('smart-parking-edge');
    expect(
      await screen.findByText('Deleted Smart Parking — edge.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('row', { name: /Smart Parking — edge/ }),
      ).toBeNull(),
    );
  });

  it('imports a spec archive into the app', async () => {
    const api = await renderTab();
    await specRow('Smart Parking — edge');

    await userEvent.click(screen.getByRole('button', { name: 'Import spec' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import spec' });
    expect(dialog).toHaveTextContent('the new spec joins Smart Parking');
    await userEvent.upload(
      within(dialog).getByLabelText('Choose spec archive'),
      fakeFile('edge.zip'),
    );

    expect(api.importSpec).toHaveBeenCalledWith(
      'smart-parking',
      expect.objectContaining({ name: 'edge.zip' }),
      expect.anything(),
    );
    expect(
      await screen.findByText('Imported Imported edge.'),
    ).toBeInTheDocument();
    expect(api.listSpecs).toHaveBeenCalledTimes(2);
  });

  it('tells the owner how to add a first spec', async () => {
    const api = fakeIotApi();
    api.listSpecs.mockResolvedValue({ items: [] });
    await renderTab(api);

    expect(
      await screen.findByText(/^No specs yet — add one with "New spec"/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import spec' })).toBeEnabled();
  });
});
