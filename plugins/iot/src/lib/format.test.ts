import { formatBytes, formatDateTime, shortenSha256 } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1536, '1.5 KiB'],
    [187695104, '179 MiB'],
    [1073741824, '1 GiB'],
    [5 * 1024 ** 5, '5,120 TiB'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes, 'en')).toBe(expected);
  });
});

describe('formatDateTime', () => {
  it('formats an ISO time for the locale', () => {
    expect(formatDateTime('2026-10-02T09:14:00Z', 'en')).toMatch(/Oct .*2026/);
  });

  it('shows unparsable input unchanged', () => {
    expect(formatDateTime('yesterday', 'en')).toBe('yesterday');
  });
});

describe('shortenSha256', () => {
  it('keeps the first 12 hex digits', () => {
    expect(
      shortenSha256(
        '4f1c9e3a0d5b7c2e8f6a1b3d5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e',
      ),
    ).toBe('4f1c9e3a0d5b');
  });
});
