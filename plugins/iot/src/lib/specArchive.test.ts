import { MAX_SPEC_ARCHIVE_BYTES, checkSpecArchive } from './specArchive';

describe('checkSpecArchive', () => {
  it('accepts a .zip up to 500 KiB', () => {
    expect(MAX_SPEC_ARCHIVE_BYTES).toBe(512000);
    expect(
      checkSpecArchive({ name: 'Edge.ZIP', size: MAX_SPEC_ARCHIVE_BYTES }),
    ).toBeUndefined();
  });

  it('names the rule a file breaks', () => {
    expect(checkSpecArchive({ name: 'edge.tar.gz', size: 1 })).toBe('not-zip');
    expect(
      checkSpecArchive({ name: 'edge.zip', size: MAX_SPEC_ARCHIVE_BYTES + 1 }),
    ).toBe('too-big');
  });
});
