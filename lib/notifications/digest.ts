import type { DigestCadence } from "./email-preferences";

// Digests (issue 15): a person's notifications waiting for a daily or weekly email, grouped by the day or the
// week (Monday to Sunday) they happened on in the team's time zone, so that "yesterday" means the team's yesterday,
// also across midnight and daylight-saving changes. Pure: the sending job (lib/services/email/digests.ts) loads
// the notifications and sends one email per group whose period has ended.

/** A waiting notification, with how its recipient takes that kind and the team's time zone. */
export type DigestItem = { id: string; userId: string; teamId: string; createdAt: Date; cadence: DigestCadence; timeZone: string };

/** One email: a person's notifications of one team in one period, oldest first. */
export type DigestGroup<T extends DigestItem = DigestItem> = {
  /** `<userId>/<teamId>/<cadence>/<first local day>`: the same group always has the same key (the email's Message-ID). */
  key: string;
  userId: string;
  teamId: string;
  cadence: DigestCadence;
  timeZone: string;
  /** The period's first local day, YYYY-MM-DD. */
  firstDay: string;
  /** The period as instants: [start, end). */
  start: Date;
  end: Date;
  items: T[];
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time at an instant in a time zone. */
export function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The first instant of a local day (midnight, or the first minute after it when a DST gap swallows midnight). */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Try the offsets in force around that wall time; the earliest instant that is on that day or later wins.
  const candidates = [-36, -12, 0, 12, 36].map((h) => wall - offsetAt(new Date(wall + h * 3_600_000), timeZone));
  let best: number | null = null;
  for (const candidate of candidates) {
    const w = wallClock(new Date(candidate), timeZone);
    const sameDay = w.year === year && w.month === month && w.day === day;
    if (sameDay && (best === null || candidate < best)) best = candidate;
  }
  if (best !== null) {
    // In a gap (e.g. midnight skipped), the day starts when the clock jumps: step back while still on that day.
    for (let step = 3_600_000; step >= 60_000; step /= 60) {
      while (true) {
        const earlier = new Date(best - step);
        const w = wallClock(earlier, timeZone);
        if (w.year === year && w.month === month && w.day === day) best -= step;
        else break;
      }
    }
    return new Date(best);
  }
  return new Date(wall);
}

const dayString = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** The local day (daily) or Monday-to-Sunday week (weekly) an instant falls in, and its bounds as instants. */
export function digestPeriod(instant: Date, timeZone: string, cadence: DigestCadence): { firstDay: string; start: Date; end: Date } {
  const w = wallClock(instant, timeZone);
  // Calendar arithmetic on the local date, done in UTC where days have no DST.
  const local = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const back = cadence === "weekly" ? (local.getUTCDay() + 6) % 7 : 0;
  const first = new Date(local.getTime() - back * 86_400_000);
  const next = new Date(first.getTime() + (cadence === "weekly" ? 7 : 1) * 86_400_000);
  const start = startOfLocalDay(first.getUTCFullYear(), first.getUTCMonth() + 1, first.getUTCDate(), timeZone);
  const end = startOfLocalDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
  return { firstDay: dayString(first.getUTCFullYear(), first.getUTCMonth() + 1, first.getUTCDate()), start, end };
}

/**
 * Groups waiting notifications into digests: one per person, team, cadence and period. `now` given: only the
 * periods that have ended (a digest covers a whole day or week). Groups come oldest first, items oldest first.
 */
export function groupDigests<T extends DigestItem>(items: T[], now?: Date): DigestGroup<T>[] {
  const groups = new Map<string, DigestGroup<T>>();
  for (const item of items) {
    const period = digestPeriod(item.createdAt, item.timeZone, item.cadence);
    if (now && period.end.getTime() > now.getTime()) continue;
    const key = `${item.userId}/${item.teamId}/${item.cadence}/${period.firstDay}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, userId: item.userId, teamId: item.teamId, cadence: item.cadence, timeZone: item.timeZone, ...period, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  const byTime = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const result = [...groups.values()];
  for (const group of result) group.items.sort(byTime);
  return result.sort((a, b) => a.start.getTime() - b.start.getTime() || (a.key < b.key ? -1 : 1));
}

/** Whether a string names a time zone this runtime knows (IANA, e.g. "Europe/Berlin"). */
export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
