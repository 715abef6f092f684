import { Entity } from '@backstage/catalog-model';
import {
  isIotAppEntity,
  isIotEntity,
  isIotImageEntity,
  isIotSpecEntity,
  validateIotEntity,
} from './validators';

const app: Entity = {
  apiVersion: 'iot.portal/v1alpha1',
  kind: 'IotApp',
  metadata: { name: 'smart-parking' },
  spec: {
    owner: 'group:default/isv-acme',
    industry: 'smart-city',
    scenario: 'parking',
  },
};

describe('IoT entity validators', () => {
  it('accepts a valid app', () => {
    expect(validateIotEntity(app)).toBe(true);
  });

  it('returns false for kinds that are not ours', () => {
    expect(validateIotEntity({ ...app, kind: 'Component' })).toBe(false);
    expect(
      validateIotEntity({ ...app, apiVersion: 'backstage.io/v1alpha1' }),
    ).toBe(false);
  });

  it('throws a message naming the missing field', () => {
    expect(() =>
      validateIotEntity({ ...app, spec: { owner: 'x', industry: 'y' } }),
    ).toThrow(/scenario/);
  });

  it('checks image version dates and digests', () => {
    const image = (uploadedAt: string, sha256?: string): Entity => ({
      apiVersion: 'iot.portal/v1alpha1',
      kind: 'IotImage',
      metadata: { name: 'img' },
      spec: {
        owner: 'group:default/isv-acme',
        imageKind: 'vm',
        versions: [
          {
            version: '1',
            status: 'succeeded',
            sizeBytes: 1,
            uploadedAt,
            ...(sha256 ? { sha256 } : {}),
          },
        ],
      },
    });
    expect(validateIotEntity(image('2026-10-02T09:14:00Z'))).toBe(true);
    expect(
      validateIotEntity(image('2026-10-02T09:14:00.123+08:00', 'a'.repeat(64))),
    ).toBe(true);
    expect(() => validateIotEntity(image('yesterday'))).toThrow(/uploadedAt/);
    expect(() =>
      validateIotEntity(image('2026-10-02T09:14:00Z', 'xyz')),
    ).toThrow(/sha256/);
  });

  it('guards by kind', () => {
    expect(isIotAppEntity(app)).toBe(true);
    expect(isIotSpecEntity(app)).toBe(false);
    expect(isIotImageEntity(app)).toBe(false);
    expect(isIotEntity(app)).toBe(true);
    expect(isIotEntity({ ...app, apiVersion: 'backstage.io/v1alpha1' })).toBe(
      false,
    );
  });
});
