import { briefingFormatSchema } from "@/lib/briefings/export/formats";
import { renderBriefing, type RenderedBriefing } from "@/lib/briefings/export/index";
import { parseBriefingSnapshot } from "@/lib/briefings/snapshot";

/**
 * The export job of the worker threads (lib/workers/jobs.ts). The stored snapshot arrives as the JSON
 * text the database holds (or as an object) and is parsed and validated here, so even reading a large
 * briefing stays off the thread that serves requests.
 */
export function renderStoredBriefing(storedSnapshot: unknown, format: unknown): Promise<RenderedBriefing> {
  const snapshot: unknown = typeof storedSnapshot === "string" ? JSON.parse(storedSnapshot) : storedSnapshot;
  return renderBriefing(parseBriefingSnapshot(snapshot), briefingFormatSchema.parse(format));
}
