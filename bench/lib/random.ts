// Deterministic randomness for the benchmark dataset: the same seed gives the same rows, so the
// PGlite and PostgreSQL datasets are identical and a cached dataset can be compared across runs.

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Rank-weighted pick: the first items are the most frequent (Zipf with exponent `s`). */
  zipf<T>(items: readonly T[], s?: number): T;
  chance(probability: number): boolean;
  /** `count` distinct items (or all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
};

export function random(seed: number): Random {
  let state = seed >>> 0;
  // mulberry32: small, fast and good enough for test data.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const zipfTables = new WeakMap<readonly unknown[], Map<number, Float64Array>>();
  const cumulative = (length: number, s: number, items: readonly unknown[]) => {
    let bySkew = zipfTables.get(items);
    if (!bySkew) zipfTables.set(items, (bySkew = new Map()));
    let table = bySkew.get(s);
    if (!table || table.length !== length) {
      table = new Float64Array(length);
      let sum = 0;
      for (let i = 0; i < length; i++) table[i] = sum += 1 / Math.pow(i + 1, s);
      for (let i = 0; i < length; i++) table[i]! /= sum;
      bySkew.set(s, table);
    }
    return table;
  };
  const self: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    zipf: (items, s = 1) => {
      const table = cumulative(items.length, s, items);
      const u = next();
      let lo = 0;
      let hi = table.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (table[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      return items[lo]!;
    },
    chance: (p) => next() < p,
    sample: (items, count) => {
      const copy = [...items];
      const out = [];
      while (out.length < count && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]!);
      return out;
    },
    weighted: (entries) => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let u = next() * total;
      for (const [value, weight] of entries) {
        if ((u -= weight) < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
  };
  return self;
}

/** A UUID v7 (time-ordered, like Prisma's `uuid(7)` default) with the random bits from `rng`. */
export function uuid7(rng: Random, at: number): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, "0");
  const time = hex(at, 12);
  const r = () => hex(rng.next() * 0x10000, 4);
  const variant = (0x8000 | (rng.next() * 0x4000)) >>> 0;
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r().slice(1)}-${hex(variant, 4)}-${r()}${r()}${r()}`;
}
