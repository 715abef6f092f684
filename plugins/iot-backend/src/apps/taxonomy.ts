import { Config } from '@backstage/config';
import { AppTaxonomy, Industry } from '@internal/backstage-plugin-iot-common';

/**
 * Industries and scenarios an app is classified by (APP-1) unless
 * `iot.apps.industries` replaces them; config.d.ts documents the same list.
 */
export const DEFAULT_INDUSTRIES: Industry[] = [
  {
    id: 'smart-city',
    label: 'Smart city',
    labelZh: '智慧城市',
    scenarios: [
      { id: 'parking', label: 'Smart parking', labelZh: '智慧停车' },
      { id: 'street-lighting', label: 'Street lighting', labelZh: '智慧路灯' },
      {
        id: 'waste-management',
        label: 'Waste management',
        labelZh: '垃圾管理',
      },
      {
        id: 'environment-monitoring',
        label: 'Environment monitoring',
        labelZh: '环境监测',
      },
    ],
  },
  {
    id: 'manufacturing',
    label: 'Manufacturing',
    labelZh: '智能制造',
    scenarios: [
      {
        id: 'energy-management',
        label: 'Energy management',
        labelZh: '能耗管理',
      },
      {
        id: 'predictive-maintenance',
        label: 'Predictive maintenance',
        labelZh: '预测性维护',
      },
      {
        id: 'production-monitoring',
        label: 'Production monitoring',
        labelZh: '生产监控',
      },
      {
        id: 'quality-inspection',
        label: 'Quality inspection',
        labelZh: '质量检测',
      },
    ],
  },
  {
    id: 'energy',
    label: 'Energy and utilities',
    labelZh: '能源',
    scenarios: [
      { id: 'smart-metering', label: 'Smart metering', labelZh: '智能抄表' },
      { id: 'grid-monitoring', label: 'Grid monitoring', labelZh: '电网监测' },
      {
        id: 'renewables',
        label: 'Solar and wind plants',
        labelZh: '新能源场站',
      },
    ],
  },
  {
    id: 'agriculture',
    label: 'Agriculture',
    labelZh: '智慧农业',
    scenarios: [
      { id: 'greenhouse', label: 'Greenhouses', labelZh: '智慧大棚' },
      { id: 'irrigation', label: 'Precision irrigation', labelZh: '精准灌溉' },
      { id: 'livestock', label: 'Livestock farming', labelZh: '畜牧养殖' },
    ],
  },
  {
    id: 'buildings',
    label: 'Smart buildings',
    labelZh: '智慧楼宇',
    scenarios: [
      {
        id: 'hvac',
        label: 'Heating, ventilation and air conditioning',
        labelZh: '暖通空调',
      },
      { id: 'access-control', label: 'Access control', labelZh: '门禁管理' },
      {
        id: 'energy-management',
        label: 'Energy management',
        labelZh: '能耗管理',
      },
    ],
  },
  {
    id: 'logistics',
    label: 'Logistics',
    labelZh: '智慧物流',
    scenarios: [
      { id: 'fleet-tracking', label: 'Fleet tracking', labelZh: '车队追踪' },
      { id: 'cold-chain', label: 'Cold chain monitoring', labelZh: '冷链监控' },
      { id: 'warehousing', label: 'Smart warehousing', labelZh: '智能仓储' },
    ],
  },
  {
    id: 'health',
    label: 'Healthcare',
    labelZh: '智慧医疗',
    scenarios: [
      {
        id: 'remote-monitoring',
        label: 'Remote patient monitoring',
        labelZh: '远程监护',
      },
      {
        id: 'asset-tracking',
        label: 'Medical asset tracking',
        labelZh: '医疗资产追踪',
      },
      { id: 'elderly-care', label: 'Elderly care', labelZh: '智慧养老' },
    ],
  },
];

// Ids end up as catalog tags, which allow no leading, trailing or double dashes.
const TAXONOMY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function readId(config: Config, key: string): string {
  const id = config.getString(key);
  if (id.length > 63 || !TAXONOMY_ID.test(id)) {
    throw new Error(
      `iot.apps.industries: ${key} must be 1-63 lower-case letters and digits in dash-separated words; got '${id}'`,
    );
  }
  return id;
}

function readLabels(config: Config) {
  const labelZh = config.getOptionalString('labelZh');
  return {
    label: config.getString('label'),
    ...(labelZh ? { labelZh } : {}),
  };
}

function assertUnique(ids: string[], what: string) {
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) {
    throw new Error(
      `iot.apps.industries: ${what} '${duplicate}' is listed twice`,
    );
  }
}

/** The taxonomy of `iot.apps.industries`, or the defaults when it is not set. */
export function readAppTaxonomy(config: Config): AppTaxonomy {
  const configured = config.getOptionalConfigArray('iot.apps.industries');
  if (!configured) {
    return { industries: DEFAULT_INDUSTRIES };
  }
  const industries = configured.map(industry => {
    const id = readId(industry, 'id');
    const scenarios = industry.getConfigArray('scenarios').map(scenario => ({
      id: readId(scenario, 'id'),
      ...readLabels(scenario),
    }));
    if (scenarios.length === 0) {
      throw new Error(`iot.apps.industries: industry '${id}' has no scenarios`);
    }
    assertUnique(
      scenarios.map(s => s.id),
      `scenario of industry '${id}'`,
    );
    return { id, ...readLabels(industry), scenarios };
  });
  if (industries.length === 0) {
    throw new Error(
      'iot.apps.industries must list at least one industry; leave it out for the defaults',
    );
  }
  assertUnique(
    industries.map(i => i.id),
    'industry',
  );
  return { industries };
}
