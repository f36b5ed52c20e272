// What the outbox hooks (notifyIn, webhooksIn) read for an event, remembered across the events that
// recordSystemEvents appends together: a feed poll records an arrival per relevant item, and each asked again for the
// same category's id, its followers and the team's webhooks (three statements per item, one after another in the
// poll's transaction). Nothing those reads see changes between the events of one call: they are appended together,
// in one transaction, by code that changes no follow, membership, name or webhook meanwhile.

/** Answers by what was asked; one per recordSystemEvents call, none for a single event. */
export type OutboxReads = Map<string, Promise<unknown>>;

/** `read()` once per key within `reads` (every time without it). */
export function remembered<T>(reads: OutboxReads | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!reads) return read();
  let answer = reads.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    reads.set(key, answer);
  }
  return answer;
}
