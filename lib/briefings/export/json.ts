import { briefingSnapshotSchema, type BriefingSnapshot } from "@/lib/briefings/snapshot";

// The snapshot itself, for scripts: keys in the schema's order (parsing rebuilds every object in shape
// order and drops unknown keys), and the free-form filter's keys sorted, so equal snapshots give equal bytes.

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function exportJson(snapshot: BriefingSnapshot): string {
  const canonical = briefingSnapshotSchema.parse(snapshot);
  return `${JSON.stringify({ ...canonical, filter: sortKeys(canonical.filter) }, null, 2)}\n`;
}
