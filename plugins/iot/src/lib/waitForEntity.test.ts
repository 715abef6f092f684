import { app } from '../__testUtils__/entities';
import { waitForEntity } from './waitForEntity';

const REF = 'iotapp:default/smart-parking';

describe('waitForEntity', () => {
  it('resolves once the catalog has the entity', async () => {
    const getEntityByRef = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('catalog busy'))
      .mockResolvedValue(app);

    await expect(
      waitForEntity({ getEntityByRef }, REF, { intervalMs: 1 }),
    ).resolves.toBe(true);
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(getEntityByRef).toHaveBeenCalledWith(REF);
  });

  it('gives up after the timeout', async () => {
    const getEntityByRef = jest.fn().mockResolvedValue(undefined);

    await expect(
      waitForEntity({ getEntityByRef }, REF, { timeoutMs: 30, intervalMs: 5 }),
    ).resolves.toBe(false);
    expect(getEntityByRef.mock.calls.length).toBeGreaterThan(1);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const getEntityByRef = jest.fn(async () => {
      controller.abort();
      return undefined;
    });

    await expect(
      waitForEntity({ getEntityByRef }, REF, {
        signal: controller.signal,
        intervalMs: 1,
      }),
    ).resolves.toBe(false);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
  });
});
