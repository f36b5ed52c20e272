// When a feed is polled next: on its interval while it answers, further apart after each failure in a row
// (interval × 2^failures, at most a day), so a feed that is down is not hammered and one that comes back is
// picked up again within a day.

export const DEFAULT_INTERVAL_MINUTES = 30;
export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 24 * 60;
/** The longest wait after failures. */
export const MAX_BACKOFF_MINUTES = 24 * 60;

/** Minutes until the next poll after `failures` failures in a row (0 after a success). */
export function minutesUntilNextPoll(intervalMinutes: number, failures: number): number {
  if (failures <= 0) return intervalMinutes;
  // 2^failures overflows to Infinity long after it has passed the cap: Math.min settles it either way.
  return Math.min(intervalMinutes * 2 ** failures, Math.max(MAX_BACKOFF_MINUTES, intervalMinutes));
}

export function nextPollAt(from: Date, intervalMinutes: number, failures: number): Date {
  return new Date(from.getTime() + minutesUntilNextPoll(intervalMinutes, failures) * 60_000);
}
