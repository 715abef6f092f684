import type {
  IotAppEntity,
  IotImageEntity,
  IotSpecEntity,
} from '@internal/backstage-plugin-iot-common';

// Mirrors catalog/demo/acme-smart-parking.yaml, with the relations the
// catalog processor emits.

export const app: IotAppEntity = {
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotApp',
  metadata: {
    name: 'smart-parking',
    namespace: 'default',
    title: 'Smart Parking',
    description: 'Guides drivers to free parking bays.',
    annotations: { 'iot.portal/review-status': 'in-review' },
  },
  spec: {
    owner: 'group:default/isv-acme',
    industry: 'smart-city',
    scenario: 'parking',
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/isv-acme' },
    { type: 'hasPart', targetRef: 'iotspec:default/smart-parking-standard' },
  ],
};

export const spec: IotSpecEntity = {
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotSpec',
  metadata: {
    name: 'smart-parking-standard',
    namespace: 'default',
    title: 'Smart Parking — standard',
    description: 'Public-cloud deployment for up to 5 000 parking bays.',
  },
  spec: {
    owner: 'group:default/isv-acme',
    app: 'iotapp:default/smart-parking',
    type: 'general',
    deployLocation: 'public-cloud',
    allowTrial: true,
    images: [{ image: 'iotimage:default/parking-server', version: '1.4.2' }],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/isv-acme' },
    { type: 'partOf', targetRef: 'iotapp:default/smart-parking' },
    { type: 'dependsOn', targetRef: 'iotimage:default/parking-server' },
  ],
};

export const image: IotImageEntity = {
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotImage',
  metadata: {
    name: 'parking-server',
    namespace: 'default',
    description: 'Docker image of the Smart Parking backend.',
  },
  spec: {
    owner: 'group:default/isv-acme',
    imageKind: 'docker',
    versions: [
      {
        version: '1.4.1',
        status: 'failed',
        sizeBytes: 1048576,
        uploadedAt: '2026-09-30T08:00:00Z',
      },
      {
        version: '1.4.2',
        status: 'succeeded',
        sizeBytes: 187695104,
        uploadedAt: '2026-10-02T09:14:00Z',
        sha256:
          '4f1c9e3a0d5b7c2e8f6a1b3d5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e',
      },
    ],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/isv-acme' },
    {
      type: 'dependencyOf',
      targetRef: 'iotspec:default/smart-parking-standard',
    },
  ],
};
