import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UploadError, iotApiRef } from '../../api';
import type { UploadImageOptions } from '../../api';
import type { UploadedImage } from '@internal/backstage-plugin-iot-common';
import { fakeFile, uploadedParkingServer } from '../../__testUtils__/images';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { ImageUpload } from './ImageUpload';

const MiB = 1024 ** 2;

/** An upload the test drives: progress events, then an answer. */
function controlledUpload(api: ReturnType<typeof fakeIotApi>) {
  const upload: {
    options?: UploadImageOptions;
    resolve?: (uploaded: UploadedImage) => void;
    reject?: (error: unknown) => void;
  } = {};
  api.uploadImage.mockImplementation(
    (_file, options) =>
      new Promise<UploadedImage>((resolve, reject) => {
        upload.options = options;
        upload.resolve = resolve;
        upload.reject = reject;
        options?.signal?.addEventListener('abort', () =>
          reject(new DOMException('The upload was cancelled', 'AbortError')),
        );
      }),
  );
  return upload;
}

async function renderUpload(api = fakeIotApi(), onUploadFinished = jest.fn()) {
  renderInTestApp(<ImageUpload onUploadFinished={onUploadFinished} />, {
    apis: [[iotApiRef, api]],
  });
  // The app's language arrives through an observable: let it settle.
  await screen.findByRole('region', {
    name: 'Drop an image file to upload it',
  });
  return { api, onUploadFinished };
}

describe('ImageUpload', () => {
  afterEach(() => jest.restoreAllMocks());

  it('offers a drop zone and a file picker with the naming rule', async () => {
    await renderUpload();

    const zone = screen.getByRole('region', {
      name: 'Drop an image file to upload it',
    });
    expect(
      within(zone).getByRole('button', { name: 'Choose file' }),
    ).toBeEnabled();
    expect(screen.getByLabelText('Choose image file')).toHaveAttribute(
      'accept',
      '.tar,.tar.gz,.gz,.qcow2,.vmdk,.vhd,.img,.raw,.iso',
    );
    expect(zone).toHaveTextContent(
      'Docker image: docker_{name}_{version}.tar or .tar.gz',
    );
    expect(zone).toHaveTextContent(
      'VM image: vm_{name}_{version}.qcow2, .vmdk, .vhd, .img, .raw or .iso',
    );
    expect(zone).toHaveTextContent('At most 2 GB');
  });

  it('refuses a file with the wrong name before sending it', async () => {
    const { api } = await renderUpload();

    await userEvent.upload(
      screen.getByLabelText('Choose image file'),
      fakeFile('parking-server-1.5.0.tar.gz'),
    );

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'parking-server-1.5.0.tar.gz cannot be uploaded',
    );
    expect(alert).toHaveTextContent(
      "Image file name must look like docker_{name}_{version}.tar.gz (or .tar) or vm_{name}_{version}.qcow2 (or .vmdk, .vhd, .img, .raw, .iso); got 'parking-server-1.5.0.tar.gz'",
    );
    expect(api.uploadImage).not.toHaveBeenCalled();
  });

  it('refuses a file over 2 GB before sending it', async () => {
    const { api } = await renderUpload();

    await userEvent.upload(
      screen.getByLabelText('Choose image file'),
      fakeFile('vm_edge-gateway_2.0.qcow2', 3 * 1024 ** 3),
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      "Image files can be at most 2 GB, decompressed content included; 'vm_edge-gateway_2.0.qcow2' is 3 GiB",
    );
    expect(api.uploadImage).not.toHaveBeenCalled();
  });

  it('shows percent, bytes, speed and time left while uploading', async () => {
    const api = fakeIotApi();
    const upload = controlledUpload(api);
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    await renderUpload(api);

    await userEvent.upload(
      screen.getByLabelText('Choose image file'),
      fakeFile('docker_parking-server_1.5.0.tar.gz', 100 * MiB),
    );
    expect(
      screen.getByText('Uploading docker_parking-server_1.5.0.tar.gz'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose file' })).toBeDisabled();

    now.mockReturnValue(1_002_000);
    fireProgress(upload, 40 * MiB, 100 * MiB);

    const bar = await screen.findByRole('progressbar', {
      name: 'Upload progress',
    });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '40'));
    expect(
      screen.getByText('40% · 40 MiB of 100 MiB · 20 MiB/s · 3 s left'),
    ).toBeInTheDocument();

    now.mockReturnValue(1_005_000);
    fireProgress(upload, 100 * MiB, 100 * MiB);
    expect(
      await screen.findByText(
        'All bytes sent — the portal is checking the image…',
      ),
    ).toBeInTheDocument();
  });

  it('cancels the upload', async () => {
    const api = fakeIotApi();
    const upload = controlledUpload(api);
    const { onUploadFinished } = await renderUpload(api);

    await userEvent.upload(
      screen.getByLabelText('Choose image file'),
      fakeFile('docker_parking-server_1.5.0.tar.gz'),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Cancel upload' }),
    );

    expect(upload.options?.signal?.aborted).toBe(true);
    expect(
      await screen.findByText(
        'The upload of docker_parking-server_1.5.0.tar.gz was cancelled.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(onUploadFinished).toHaveBeenCalledWith();
  });

  it('confirms a stored version', async () => {
    const { api, onUploadFinished } = await renderUpload();

    await userEvent.upload(
      screen.getByLabelText('Choose image file'),
      fakeFile('docker_parking-server_1.5.0.tar.gz'),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Uploaded parking-server version 1.5.0 (2 KiB).',
    );
    expect(api.uploadImage).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'docker_parking-server_1.5.0.tar.gz' }),
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(onUploadFinished).toHaveBeenCalledWith(uploadedParkingServer);
  });

  it("shows the server's reason when it refuses the file", async () => {
    const api = fakeIotApi();
    api.uploadImage.mockRejectedValue(
      new UploadError(
        422,
        "docker archive has no manifest.json or repositories entry; got 'docker_parking-server_1.5.0.tar'",
      ),
    );
    const { onUploadFinished } = await renderUpload(api);

    await userEvent.upload(
      screen.getByLabelText('Choose image file'),
      fakeFile('docker_parking-server_1.5.0.tar'),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The portal refused docker_parking-server_1.5.0.tar',
    );
    expect(alert).toHaveTextContent(
      'docker archive has no manifest.json or repositories entry',
    );
    expect(onUploadFinished).toHaveBeenCalledWith();
  });

  it('uploads a dropped file, one at a time', async () => {
    const { api } = await renderUpload();
    const zone = screen.getByRole('region', {
      name: 'Drop an image file to upload it',
    });

    fireEvent.drop(zone, {
      dataTransfer: {
        files: [fakeFile('vm_a_1.iso'), fakeFile('vm_b_1.iso')],
      },
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Drop one image file at a time; got 2 files',
    );

    fireEvent.drop(zone, {
      dataTransfer: { files: [fakeFile('vm_edge-gateway_2.0.iso')] },
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Uploaded parking-server',
    );
    expect(api.uploadImage).toHaveBeenCalledTimes(1);
    expect(api.uploadImage.mock.calls[0][0].name).toBe(
      'vm_edge-gateway_2.0.iso',
    );
  });
});

function fireProgress(
  upload: { options?: UploadImageOptions },
  loaded: number,
  total: number,
) {
  act(() => upload.options?.onProgress?.({ loaded, total }));
}
