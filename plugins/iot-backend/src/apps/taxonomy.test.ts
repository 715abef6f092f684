import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { DEFAULT_INDUSTRIES, readAppTaxonomy } from './taxonomy';

const config = (industries: JsonValue) =>
  new ConfigReader({ iot: { apps: { industries } } });

describe('readAppTaxonomy', () => {
  it('defaults to seven IoT industries with English and Chinese labels', () => {
    const { industries } = readAppTaxonomy(new ConfigReader({}));

    expect(industries).toBe(DEFAULT_INDUSTRIES);
    expect(industries.map(i => i.id)).toEqual([
      'smart-city',
      'manufacturing',
      'energy',
      'agriculture',
      'buildings',
      'logistics',
      'health',
    ]);
    for (const industry of industries) {
      expect(industry.labelZh).toBeTruthy();
      expect(industry.scenarios.length).toBeGreaterThanOrEqual(3);
      for (const scenario of industry.scenarios) {
        expect(scenario.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(scenario.labelZh).toBeTruthy();
      }
    }
  });

  it('reads iot.apps.industries instead', () => {
    expect(
      readAppTaxonomy(
        config([
          {
            id: 'mining',
            label: 'Mining',
            scenarios: [
              { id: 'ventilation', label: 'Ventilation', labelZh: '通风' },
            ],
          },
        ]),
      ),
    ).toEqual({
      industries: [
        {
          id: 'mining',
          label: 'Mining',
          scenarios: [
            { id: 'ventilation', label: 'Ventilation', labelZh: '通风' },
          ],
        },
      ],
    });
  });

  it.each([
    ['no industry', [], /at least one industry/],
    [
      'an id that is no tag',
      [{ id: 'Mining', label: 'M', scenarios: [{ id: 'a', label: 'A' }] }],
      /id must be 1-63 lower-case letters and digits .*got 'Mining'/,
    ],
    [
      'an industry without scenarios',
      [{ id: 'mining', label: 'M', scenarios: [] }],
      /industry 'mining' has no scenarios/,
    ],
    [
      'an industry twice',
      [
        { id: 'mining', label: 'M', scenarios: [{ id: 'a', label: 'A' }] },
        { id: 'mining', label: 'N', scenarios: [{ id: 'b', label: 'B' }] },
      ],
      /industry 'mining' is listed twice/,
    ],
    [
      'a scenario twice',
      [
        {
          id: 'mining',
          label: 'M',
          scenarios: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
        },
      ],
      /scenario of industry 'mining' 'a' is listed twice/,
    ],
    [
      'a scenario without label',
      [{ id: 'mining', label: 'M', scenarios: [{ id: 'a' }] }],
      /label/,
    ],
  ])('refuses %s', (_what, industries, message) => {
    expect(() => readAppTaxonomy(config(industries))).toThrow(message);
  });
});
