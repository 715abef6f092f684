import { ConflictError, ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import type { ImageListItem } from '@internal/backstage-plugin-iot-common';
import {
  edgeGateway,
  fakeFile,
  parkingServer,
  uploadedParkingServer,
} from '../../__testUtils__/images';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { ImagesPage } from './ImagesPage';

function renderPage(
  api = fakeIotApi(),
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  renderInTestApp(<ImagesPage />, {
    apis: [[iotApiRef, api], mockApis.permission({ authorize })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return api;
}

const imageLink = (name: string) => screen.findByRole('link', { name });

describe('ImagesPage', () => {
  it('shows the upload area to ISVs', async () => {
    renderPage();

    expect(
      await screen.findByLabelText('Choose image file'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Uploading images is for members/)).toBeNull();
  });

  it('lists the images, first page only', async () => {
    const api = renderPage();

    expect(await imageLink('parking-server')).toBeInTheDocument();
    expect(await imageLink('edge-gateway')).toBeInTheDocument();
    expect(api.listImages).toHaveBeenCalledTimes(1);
    expect(api.listImages).toHaveBeenCalledWith({
      name: undefined,
      status: undefined,
      limit: 20,
      cursor: undefined,
    });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('sends the name search and the status filter to the server', async () => {
    const api = renderPage();
    await imageLink('parking-server');

    await userEvent.type(screen.getByLabelText('Search by name'), 'park');
    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith(
        expect.objectContaining({ name: 'park', status: undefined }),
      ),
    );
    // the search waits for a pause in typing
    expect(api.listImages).toHaveBeenCalledTimes(2);

    await userEvent.selectOptions(
      screen.getByLabelText('Upload status'),
      'Failed',
    );
    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith(
        expect.objectContaining({ name: 'park', status: 'failed' }),
      ),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Upload status'),
      'All',
    );
    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith(
        expect.objectContaining({ name: 'park', status: undefined }),
      ),
    );
  });

  it('loads more images by cursor', async () => {
    const api = fakeIotApi();
    api.listImages
      .mockResolvedValueOnce({ items: [parkingServer], nextCursor: 'page-2' })
      .mockResolvedValueOnce({ items: [edgeGateway], nextCursor: null });
    renderPage(api);
    await imageLink('parking-server');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await imageLink('edge-gateway')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'parking-server' }),
    ).toBeInTheDocument();
    expect(api.listImages).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'page-2' }),
    );
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('invites a first upload when there are no images', async () => {
    renderPage(fakeIotApi([]));

    expect(
      await screen.findByText(
        'No images yet — upload a docker_{name}_{version}.tar.gz or a VM image to get started',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Choose image file')).toBeInTheDocument();
  });

  it('says so when the filters match nothing', async () => {
    const api = fakeIotApi();
    api.listImages.mockImplementation(async ({ status } = {}) => ({
      items: status ? [] : [parkingServer],
      nextCursor: null,
    }));
    renderPage(api);
    await imageLink('parking-server');

    await userEvent.selectOptions(
      screen.getByLabelText('Upload status'),
      'Uploading',
    );

    expect(
      await screen.findByText(/No images match these filters/),
    ).toBeInTheDocument();
  });

  it('shows a load failure and retries', async () => {
    const api = fakeIotApi();
    api.listImages.mockRejectedValueOnce(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'database is down' },
            response: { statusCode: 503 },
          }),
          { status: 503, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    renderPage(api);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load your images: database is down',
    );

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await imageLink('parking-server')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('deletes a version after confirmation and refreshes the list', async () => {
    const api = renderPage();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show versions of parking-server',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Delete version 1.4.1 of parking-server',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Delete version 1.4.1 of parking-server? This cannot be undone.',
    );
    const withoutOldVersion: ImageListItem = {
      ...parkingServer,
      versions: parkingServer.versions.filter(v => v.version !== '1.4.1'),
    };
    api.listImages.mockResolvedValue({
      items: [withoutOldVersion],
      nextCursor: null,
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(api.deleteImageVersion).toHaveBeenCalledWith(
      'parking-server',
      '1.4.1',
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Deleted version 1.4.1 of parking-server.',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(
        screen.queryByRole('button', {
          name: 'Delete version 1.4.1 of parking-server',
        }),
      ).toBeNull(),
    );
    expect(
      screen.getByRole('button', {
        name: 'Delete version 1.4.2 of parking-server',
      }),
    ).toBeInTheDocument();
  });

  it('keeps a version in use and names the apps', async () => {
    const api = renderPage();
    api.deleteImageVersion.mockRejectedValue(
      new ConflictError(
        'version 1.4.2 of parking-server is used by Smart Parking; remove it from their specs first',
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show versions of parking-server',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Delete version 1.4.2 of parking-server',
      }),
    );

    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'version 1.4.2 of parking-server is used by Smart Parking',
    );
    expect(api.listImages).toHaveBeenCalledTimes(1);
  });

  it('shows the new version once an upload succeeds', async () => {
    const api = renderPage();
    await imageLink('parking-server');
    const withNewVersion: ImageListItem = {
      ...parkingServer,
      latestVersion: '1.5.0',
      versions: [
        ...parkingServer.versions,
        {
          version: '1.5.0',
          status: 'succeeded',
          sizeBytes: uploadedParkingServer.sizeBytes,
          uploadedAt: '2026-10-06T12:00:00Z',
          usedBy: [],
        },
      ],
    };
    api.listImages.mockResolvedValue({
      items: [withNewVersion, edgeGateway],
      nextCursor: null,
    });

    await userEvent.upload(
      screen.getByLabelText('Choose image file'),
      fakeFile('docker_parking-server_1.5.0.tar.gz'),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Uploaded parking-server version 1.5.0',
    );
    // the uploaded image opens on its versions
    const versions = await screen.findByRole('table', {
      name: 'Versions of parking-server',
    });
    const newest = await within(versions).findByRole('row', {
      name: /1\.5\.0/,
    });
    expect(within(newest).getByText('Succeeded')).toBeInTheDocument();
    expect(api.listImages).toHaveBeenCalledTimes(2);
  });
});
