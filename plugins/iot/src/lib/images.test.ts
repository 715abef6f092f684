import type { IotImageVersion } from '@internal/backstage-plugin-iot-common';
import { sortVersionsNewestFirst, summarizeImageVersions } from './images';

const version = (
  v: string,
  status: IotImageVersion['status'],
  uploadedAt: string,
  sizeBytes = 100,
): IotImageVersion => ({ version: v, status, uploadedAt, sizeBytes });

describe('summarizeImageVersions', () => {
  it('picks the newest succeeded version and the newest upload', () => {
    const summary = summarizeImageVersions([
      version('1.0.0', 'succeeded', '2026-01-01T00:00:00Z', 100),
      version('1.2.0', 'failed', '2026-03-01T00:00:00Z', 50),
      version('1.1.0', 'succeeded', '2026-02-01T00:00:00Z', 200),
    ]);
    expect(summary).toEqual({
      latestVersion: expect.objectContaining({ version: '1.1.0' }),
      totalSizeBytes: 350,
      lastUploadedAt: '2026-03-01T00:00:00Z',
    });
  });

  it('has no latest version while nothing has finished uploading', () => {
    expect(
      summarizeImageVersions([
        version('1.0.0', 'uploading', '2026-01-01T00:00:00Z'),
      ]).latestVersion,
    ).toBeUndefined();
  });

  it('summarises an image without versions', () => {
    expect(summarizeImageVersions([])).toEqual({
      latestVersion: undefined,
      totalSizeBytes: 0,
      lastUploadedAt: undefined,
    });
  });
});

describe('sortVersionsNewestFirst', () => {
  it('sorts by upload time without changing the input', () => {
    const versions = [
      version('1', 'succeeded', '2026-01-01T00:00:00Z'),
      version('2', 'succeeded', '2026-02-01T00:00:00Z'),
    ];
    expect(sortVersionsNewestFirst(versions).map(v => v.version)).toEqual([
      '2',
      '1',
    ]);
    expect(versions[0].version).toBe('1');
  });
});
