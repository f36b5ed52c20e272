import { afterEach, describe, expect, it, vi } from "vitest";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { BRIEFING_FORMAT_NAMES, briefingFormats } from "@/lib/briefings/export/index";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";

// "The same snapshot exports to the same bytes every time": rendered twice, from equal but distinct
// objects, with the clock years apart (zip entries, DOCX properties and PDF info otherwise carry it).
// Only Date is faked: jszip and pdfkit need real timers and setImmediate.

const clone = (s: BriefingSnapshot): BriefingSnapshot => structuredClone(s);
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

afterEach(() => {
  vi.useRealTimers();
});

describe.each(BRIEFING_FORMAT_NAMES)("%s export", (format) => {
  const { render } = briefingFormats[format];

  it("gives identical bytes for the same snapshot, whatever the time", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    const first = await render(fixtureSnapshot);
    vi.setSystemTime(new Date("2031-07-15T13:47:31Z"));
    const second = await render(clone(fixtureSnapshot));
    expect(first.length).toBeGreaterThan(0);
    expect(same(first, second)).toBe(true);
  });

  it("changes when the snapshot does", async () => {
    const changed = { ...clone(fixtureSnapshot), title: "Another title" };
    expect(same(await render(changed), await render(fixtureSnapshot))).toBe(false);
  });
});
