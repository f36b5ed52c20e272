// Timing helpers shared by the in-process measurements and the HTTP load.

export type Summary = { n: number; mean: number; p50: number; p95: number; p99: number; min: number; max: number };

/** Nearest-rank percentiles over all samples (milliseconds). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, min: NaN, max: NaN };
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return {
    n,
    mean: round(sorted.reduce((s, v) => s + v, 0) / n),
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    min: round(sorted[0]!),
    max: round(sorted[n - 1]!),
  };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export type Budget = { warmup: number; min: number; max: number; budgetMs: number };

/** Runs `fn` `warmup` times untimed, then at least `min` and at most `max` times, stopping when the time budget is spent. */
export async function sample(fn: () => Promise<unknown> | unknown, budget: Budget): Promise<number[]> {
  for (let i = 0; i < budget.warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < budget.max && (samples.length < budget.min || performance.now() - started < budget.budgetMs)) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

/** Alternates the variants call by call, so that drift (caches, GC, other load) hits them alike. */
export async function interleave(variants: Record<string, () => Promise<unknown>>, budget: Budget): Promise<Record<string, number[]>> {
  const names = Object.keys(variants);
  for (let i = 0; i < budget.warmup; i++) for (const name of names) await variants[name]!();
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  const started = performance.now();
  let rounds = 0;
  while (rounds < budget.max && (rounds < budget.min || performance.now() - started < budget.budgetMs)) {
    for (const name of names) {
      const t = performance.now();
      await variants[name]!();
      samples[name]!.push(performance.now() - t);
    }
    rounds++;
  }
  return samples;
}

export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? round(a / b) : NaN);
