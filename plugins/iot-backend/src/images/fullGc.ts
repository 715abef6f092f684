import v8 from 'node:v8';
import vm from 'node:vm';

/** Requests at least this large get a clean heap to stream into. */
export const LARGE_UPLOAD_BYTES = 64 * 1024 * 1024;
/** At most one collection per this interval, however many uploads start. */
const MIN_INTERVAL_MS = 60_000;

let gc: (() => void) | null | undefined;
let lastRun = -Infinity;

/**
 * Runs one full garbage collection before a large upload starts streaming,
 * at most once a minute (about 0.1-0.2 s on this backend's ~300 MiB heap);
 * true when it ran.
 *
 * Why: until V8's first full GC after start-up (or after another burst of
 * short-lived object shapes), Node's `process.nextTick` creates a new hidden
 * class for every tick entry instead of reusing one: measured on this
 * backend right after start, 0.5 M ticks in 2 s instead of 8.8 M, and 99 %
 * of what survives a young-generation GC is promoted. A 2 GB upload ticks
 * ~100 000 times (a few times per 64 KiB piece through the HTTP, multipart
 * and inspector streams), so the old generation filled with that garbage
 * (+90 to +300 MiB of RSS per upload, which V8 then kept pooled) until the
 * next full GC, which ends the state at once. bench/README.md ("Upload over
 * HTTP") has the evidence.
 */
export function collectGarbageBeforeLargeUpload(
  now: number = performance.now(),
): boolean {
  if (now - lastRun < MIN_INTERVAL_MS) {
    return false;
  }
  lastRun = now;
  gc ??= loadGc();
  if (!gc) {
    return false;
  }
  gc();
  return true;
}

/** The `gc` function, without requiring the backend to run with --expose-gc. */
function loadGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') {
    return exposed as () => void;
  }
  try {
    // contexts created while the flag is on get `gc`; other code does not
    v8.setFlagsFromString('--expose-gc');
    const fn: unknown = vm.runInNewContext('gc');
    return typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    return null;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
