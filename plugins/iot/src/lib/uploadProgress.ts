/** What the progress bar shows about an upload under way. */
export type UploadProgress = {
  loaded: number;
  total: number;
  /** 0..100 */
  percent: number;
  /** Undefined until there is enough history to tell. */
  bytesPerSecond?: number;
  secondsLeft?: number;
};

type Sample = { at: number; loaded: number };

/**
 * Turns the upload's progress events into percent, speed and time left.
 * The speed is measured over the last few seconds so that it follows the
 * connection without jumping at every event.
 */
export class UploadSpeedMeter {
  private readonly samples: Sample[] = [];

  constructor(private readonly windowMs = 3000) {}

  sample(loaded: number, total: number, at = Date.now()): UploadProgress {
    this.samples.push({ at, loaded });
    while (
      this.samples.length > 2 &&
      at - this.samples[1].at >= this.windowMs
    ) {
      this.samples.shift();
    }
    const percent = total > 0 ? Math.min(100, (loaded / total) * 100) : 0;
    const oldest = this.samples[0];
    const elapsedMs = at - oldest.at;
    if (elapsedMs <= 0 || loaded <= oldest.loaded) {
      return { loaded, total, percent };
    }
    const bytesPerSecond = ((loaded - oldest.loaded) * 1000) / elapsedMs;
    return {
      loaded,
      total,
      percent,
      bytesPerSecond,
      secondsLeft: Math.max(0, (total - loaded) / bytesPerSecond),
    };
  }
}
