import { describe, expect, it } from "vitest";
import { analyzeDocument } from "@/lib/analysis/analyze";
import { AppError } from "@/lib/errors";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { BRIEFING_FORMAT_NAMES, renderBriefing } from "@/lib/briefings/export/index";
import type { BriefingFormatName } from "@/lib/briefings/export/formats";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";
import { runOffThread } from "@/lib/workers/pool";

// The worker pool gives the same download as rendering in process, and keeps the event loop free while
// it works: the measurement behind "export never blocks other requests" (issue 5). Document analysis
// and extraction run on it too, each within a time budget (issue 18).

const renderBriefingOffThread = (snapshot: unknown, format: BriefingFormatName) => runOffThread("renderBriefing", [snapshot, format], { timeoutMs: 60_000 });

/** 200 issues with 10 evidence items each: the size of the issue's speed target. */
function largeSnapshot(): BriefingSnapshot {
  const [first, second] = fixtureSnapshot.issues;
  const issues = Array.from({ length: 200 }, (_, i) => {
    const base = i % 2 === 0 ? first! : second!;
    const quotes = [...first!.evidence, ...second!.evidence];
    return {
      ...base,
      id: `issue-${i}`,
      title: `${base.title} (${i + 1})`,
      evidence: Array.from({ length: 10 }, (_, j) => ({ ...quotes[j % quotes.length]!, id: `evidence-${i}-${j}` })),
    };
  });
  return { ...fixtureSnapshot, issues, changes: Array.from({ length: 200 }, (_, i) => fixtureSnapshot.changes[i % 4]!) };
}

/** The longest gap between ticks of a 5 ms timer while `work` runs: how long other requests would wait. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const result = await work();
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the ticker see the last gap
  clearInterval(ticker);
  return { result, stallMs };
}

describe("renderBriefingOffThread", () => {
  it.each(BRIEFING_FORMAT_NAMES)("renders %s to the same bytes as in process", async (format) => {
    const [offThread, inProcess] = await Promise.all([renderBriefingOffThread(fixtureSnapshot, format), renderBriefing(fixtureSnapshot, format)]);
    expect(offThread.fileName).toBe(inProcess.fileName);
    expect(offThread.mediaType).toBe(inProcess.mediaType);
    expect(offThread.contentDisposition).toBe(inProcess.contentDisposition);
    expect(offThread.body).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(offThread.body).equals(Buffer.from(inProcess.body))).toBe(true);
  });

  it("keeps the event loop free while a large PDF renders", async () => {
    const snapshot = largeSnapshot();
    await renderBriefingOffThread(fixtureSnapshot, "pdf"); // a worker started and warm
    const offThread = await longestStall(() => renderBriefingOffThread(snapshot, "pdf"));
    const inProcess = await longestStall(() => renderBriefing(snapshot, "pdf"));
    expect(Buffer.from(offThread.result.body).subarray(0, 5).toString()).toBe("%PDF-");
    expect(Buffer.from(offThread.result.body).equals(Buffer.from(inProcess.result.body))).toBe(true);
    // In process the same PDF stalls everything for its whole render; off thread the loop keeps turning
    // (what is left is scheduling noise, larger on a busy machine, so the bound is relative).
    expect(inProcess.stallMs).toBeGreaterThan(300);
    expect(offThread.stallMs).toBeLessThan(Math.max(100, inProcess.stallMs / 5));
  });

  it("takes a snapshot as the database stores it: JSON text", async () => {
    const [fromText, fromObject] = await Promise.all([renderBriefingOffThread(JSON.stringify(fixtureSnapshot), "docx"), renderBriefing(fixtureSnapshot, "docx")]);
    expect(Buffer.from(fromText.body).equals(Buffer.from(fromObject.body))).toBe(true);
  });

  it("reports a render that fails without losing the worker", async () => {
    await expect(renderBriefingOffThread({ ...fixtureSnapshot, createdAt: "not a date" }, "md")).rejects.toThrow(/renderBriefing job failed/);
    expect((await renderBriefingOffThread(fixtureSnapshot, "csv")).body.length).toBeGreaterThan(0);
  });
});

describe("runOffThread", () => {
  const text = "Mr. Smith met Dr. Jones in Paris to discuss export controls on chips. ".repeat(2000);

  it("analyses a document to the same result as in process", async () => {
    const offThread = await runOffThread("analyzeDocument", [{ text }, []], { timeoutMs: 30_000 });
    expect(offThread.analysis).toEqual(analyzeDocument({ text }, []));
    expect(offThread.text).toBe(text);
  });

  it("stops a job over its time budget with the caller's error, and keeps serving the next", async () => {
    const tooSlow = new AppError("validation_failed", "The document is too complex to analyse");
    await expect(runOffThread("analyzeDocument", [{ text: text.repeat(5) }, []], { timeoutMs: 1, overBudget: () => tooSlow })).rejects.toBe(tooSlow);
    const next = await runOffThread("analyzeDocument", [{ text: "Sanctions on chips." }, []], { timeoutMs: 30_000 });
    expect(next.analysis.wordCount).toBe(3);
  });

  it("hands a job's AppError back with its code", async () => {
    const failure = runOffThread("extractText", ["report.pdf", new TextEncoder().encode("not a pdf")], { timeoutMs: 30_000 });
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: "unsupported_media_type", message: "This file is not a PDF" });
  });
});
