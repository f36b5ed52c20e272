// When a failed delivery is tried again (issue 15): exponential backoff from 30 s, doubling to at most an hour
// between attempts, for up to 24 hours after the event; then it has failed for good. No jitter: the sweep
// spreads the attempts over its runs, and the tests drive the schedule with their own clock.

export const FIRST_RETRY_SECONDS = 30;
export const MAX_RETRY_SECONDS = 3600;
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
/** Failed attempts in a row, over all of a webhook's deliveries, that disable it. */
export const DISABLE_AFTER_FAILURES = 20;

/** After `attempts` failed attempts, when to try next; null once the next try would be more than 24 h after `createdAt`. */
export function nextAttemptAt(attempts: number, createdAt: Date, now: Date): Date | null {
  const seconds = Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_SECONDS);
  const next = new Date(now.getTime() + seconds * 1000);
  return next.getTime() - createdAt.getTime() > GIVE_UP_AFTER_MS ? null : next;
}
