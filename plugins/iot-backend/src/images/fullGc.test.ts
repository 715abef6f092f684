import { collectGarbageBeforeLargeUpload } from './fullGc';

describe('collectGarbageBeforeLargeUpload', () => {
  it('collects at most once a minute, without --expose-gc', () => {
    const exposedBefore = typeof (globalThis as { gc?: unknown }).gc;
    const start = 1e12; // far from any earlier call in this process
    expect(collectGarbageBeforeLargeUpload(start)).toBe(true);
    expect(collectGarbageBeforeLargeUpload(start + 1_000)).toBe(false);
    expect(collectGarbageBeforeLargeUpload(start + 59_000)).toBe(false);
    expect(collectGarbageBeforeLargeUpload(start + 61_000)).toBe(true);
    // the main context does not get a global gc from it
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(exposedBefore);
  });
});
