import type {
  AppTaxonomy,
  IotAppItem,
  IotSpecItem,
} from '@internal/backstage-plugin-iot-common';

// Mirrors what GET /app-taxonomy, /apps and /apps/{appId}/specs answer for
// the demo data of catalog/demo.

export const taxonomy: AppTaxonomy = {
  industries: [
    {
      id: 'smart-city',
      label: 'Smart city',
      labelZh: '智慧城市',
      scenarios: [
        { id: 'parking', label: 'Smart parking', labelZh: '智慧停车' },
        {
          id: 'street-lighting',
          label: 'Street lighting',
          labelZh: '智慧路灯',
        },
      ],
    },
    {
      id: 'energy',
      label: 'Energy',
      labelZh: '能源',
      scenarios: [{ id: 'metering', label: 'Smart metering' }],
    },
  ],
};

export const smartParkingApp: IotAppItem = {
  id: 'smart-parking',
  name: 'Smart Parking',
  industry: 'smart-city',
  scenario: 'parking',
  description: 'Guides drivers to free parking bays.',
  reviewStatus: 'in-review',
  owner: 'group:default/isv-acme',
  entityRef: 'iotapp:default/smart-parking',
  specCount: 2,
  listedSpecIds: [],
  createdBy: 'user:default/alice',
  createdAt: '2026-09-01T08:00:00Z',
  updatedAt: '2026-10-02T09:14:00Z',
};

export const meterApp: IotAppItem = {
  id: 'grid-meter',
  name: 'Grid Meter',
  industry: 'energy',
  scenario: 'metering',
  description: '',
  reviewStatus: 'draft',
  owner: 'group:default/isv-acme',
  entityRef: 'iotapp:default/grid-meter',
  specCount: 0,
  listedSpecIds: [],
  createdBy: 'user:default/alice',
  createdAt: '2026-10-04T08:00:00Z',
  updatedAt: '2026-10-04T08:00:00Z',
};

export const standardSpec: IotSpecItem = {
  id: 'smart-parking-standard',
  appId: 'smart-parking',
  name: 'Smart Parking — standard',
  type: 'general',
  deployLocation: 'public-cloud',
  description: 'Public-cloud deployment for up to 5 000 parking bays.',
  allowTrial: true,
  images: [{ name: 'parking-server', version: '1.4.2' }],
  owner: 'group:default/isv-acme',
  entityRef: 'iotspec:default/smart-parking-standard',
  createdAt: '2026-09-02T08:00:00Z',
  updatedAt: '2026-10-02T09:14:00Z',
};

export const edgeSpec: IotSpecItem = {
  id: 'smart-parking-edge',
  appId: 'smart-parking',
  name: 'Smart Parking — edge',
  type: 'custom',
  deployLocation: 'edge-site',
  description: 'On the parking operator’s own edge server.',
  allowTrial: false,
  images: [],
  owner: 'group:default/isv-acme',
  entityRef: 'iotspec:default/smart-parking-edge',
  createdAt: '2026-09-03T08:00:00Z',
  updatedAt: '2026-09-03T08:00:00Z',
};
