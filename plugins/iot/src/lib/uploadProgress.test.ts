import { UploadSpeedMeter } from './uploadProgress';

const MiB = 1024 ** 2;

describe('UploadSpeedMeter', () => {
  it('has only a percentage after the first event', () => {
    expect(new UploadSpeedMeter().sample(25 * MiB, 100 * MiB, 0)).toEqual({
      loaded: 25 * MiB,
      total: 100 * MiB,
      percent: 25,
    });
  });

  it('measures speed and time left from the events so far', () => {
    const meter = new UploadSpeedMeter();
    meter.sample(0, 100 * MiB, 0);
    const progress = meter.sample(20 * MiB, 100 * MiB, 2000);
    expect(progress.percent).toBe(20);
    expect(progress.bytesPerSecond).toBe(10 * MiB);
    expect(progress.secondsLeft).toBe(8);
  });

  it('follows the recent speed, not the average since the start', () => {
    const meter = new UploadSpeedMeter(3000);
    meter.sample(0, 100 * MiB, 0);
    meter.sample(2 * MiB, 100 * MiB, 2000); // slow start: 1 MiB/s
    meter.sample(12 * MiB, 100 * MiB, 3000);
    meter.sample(32 * MiB, 100 * MiB, 5000);
    const progress = meter.sample(52 * MiB, 100 * MiB, 7000); // 10 MiB/s since
    expect(progress.bytesPerSecond).toBe(10 * MiB);
    expect(progress.secondsLeft).toBeCloseTo(4.8);
  });
});
