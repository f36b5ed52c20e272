// HTTP load with autocannon on loopback. Every response's latency is kept, so p50/p95/p99 are exact
// percentiles over all responses (autocannon's own histogram reports p97.5, not p95).
import autocannon from "autocannon";
import { round, summarize, type Summary } from "./measure";

export type LoadResult = Summary & {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
};

const active = new Set<autocannon.Instance>();

export function stopLoads() {
  for (const instance of active) instance.stop();
}

/** One bounded run: `seconds` of closed-loop load with `connections` keep-alive connections. */
export function load(url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      { url, connections: options.connections, duration: options.seconds, headers: options.headers, timeout: 30 },
      (error, result) => {
        active.delete(instance);
        if (error) return reject(error);
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        const seconds = result.duration || options.seconds;
        resolve({
          ...summarize(latencies),
          connections: options.connections,
          seconds: round(seconds),
          requests: latencies.length,
          rps: round(latencies.length / seconds, 1),
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes,
        });
      },
    );
    active.add(instance);
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** Several runs at once (e.g. one per app instance); latencies and throughput are combined. */
export async function loadTogether(runs: { url: string; connections: number; headers?: Record<string, string> }[], seconds: number) {
  const results = await Promise.all(runs.map((r) => load(r.url, { connections: r.connections, seconds, headers: r.headers })));
  const combined = {
    connections: results.reduce((s, r) => s + r.connections, 0),
    requests: results.reduce((s, r) => s + r.requests, 0),
    rps: round(results.reduce((s, r) => s + r.rps, 0), 1),
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    p95: Math.max(...results.map((r) => r.p95)),
  };
  return { combined, perInstance: results };
}
