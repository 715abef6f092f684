import type {
  ImageListItem,
  ImageVersionListItem,
  UploadedImage,
} from '@internal/backstage-plugin-iot-common';

// Mirrors what GET /images answers for the demo data of catalog/demo.

export const parkingServer: ImageListItem = {
  name: 'parking-server',
  kind: 'docker',
  owner: 'group:default/isv-acme',
  entityRef: 'iotimage:default/parking-server',
  latestVersion: '1.4.2',
  totalSizeBytes: 188743680,
  updatedAt: '2026-10-02T09:14:00Z',
  versions: [
    {
      version: '1.4.1',
      status: 'failed',
      sizeBytes: 1048576,
      uploadedAt: '2026-09-30T08:00:00Z',
      failureReason: "layer 'abc/layer.tar' listed in manifest.json is missing",
      usedBy: [],
    },
    {
      version: '1.4.2',
      status: 'succeeded',
      sizeBytes: 187695104,
      sha256:
        '4f1c9e3a0d5b7c2e8f6a1b3d5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e',
      uploadedAt: '2026-10-02T09:14:00Z',
      usedBy: [
        {
          app: 'iotapp:default/smart-parking',
          appTitle: 'Smart Parking',
          spec: 'iotspec:default/smart-parking-standard',
        },
        {
          app: 'iotapp:default/smart-parking',
          appTitle: 'Smart Parking',
          spec: 'iotspec:default/smart-parking-edge',
        },
      ],
    },
  ],
};

export const edgeGateway: ImageListItem = {
  name: 'edge-gateway',
  kind: 'vm',
  owner: 'group:default/isv-acme',
  entityRef: 'iotimage:default/edge-gateway',
  latestVersion: null,
  totalSizeBytes: 0,
  updatedAt: '2026-10-05T10:00:00Z',
  versions: [
    {
      version: '2.0',
      status: 'uploading',
      sizeBytes: 0,
      uploadedAt: '2026-10-05T10:00:00Z',
      usedBy: [],
    },
  ],
};

export function versionOf(
  image: ImageListItem,
  version: string,
): ImageVersionListItem {
  return image.versions.find(v => v.version === version)!;
}

export const uploadedParkingServer: UploadedImage = {
  name: 'parking-server',
  version: '1.5.0',
  kind: 'docker',
  sizeBytes: 2048,
  sha256: 'ab'.repeat(32),
  status: 'succeeded',
};

/** A file of `size` bytes without allocating them. */
export function fakeFile(name: string, size = 2048): File {
  const file = new File(['x'], name, { type: 'application/octet-stream' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}
