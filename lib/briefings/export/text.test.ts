import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isoDay } from "@/lib/briefings/export/dates";
import {
  changeValueLabel,
  likelihoodLabel,
  likelihoodWithRange,
  statusLabel,
} from "@/lib/briefings/export/labels";
import { designationsText } from "@/lib/briefings/export/outline";
import { toWinAnsi } from "@/lib/briefings/export/pdf-text";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { briefingSnapshotSchema } from "@/lib/briefings/snapshot";
import { admiraltyGrade } from "@/lib/domain/grading";
import { likelihoods } from "@/lib/domain/likelihood";

describe("labels", () => {
  it("names statuses, ICD 203 likelihoods and Admiralty grades", () => {
    expect(statusLabel("warning_issued")).toBe("Warning issued");
    expect(statusLabel("designations_in_force")).toBe("Designations in force");
    expect(likelihoods.map(likelihoodLabel)).toEqual([
      "Almost no chance",
      "Very unlikely",
      "Unlikely",
      "Roughly even chance",
      "Likely",
      "Very likely",
      "Almost certain",
    ]);
    expect(likelihoodWithRange("roughly_even_chance")).toBe("Roughly even chance (45-55%)");
    expect(admiraltyGrade("B", 2)).toBe("B2");
  });

  it("labels change values it knows and keeps the rest", () => {
    expect(changeValueLabel("status", "measures_announced")).toBe("Measures announced");
    expect(changeValueLabel("likelihood", "very_unlikely")).toBe("Very unlikely");
    expect(changeValueLabel("status", "something_else")).toBe("something_else");
    expect(changeValueLabel("other", "likely")).toBe("likely");
    expect(changeValueLabel("status", null)).toBeNull();
  });
});

describe("dates", () => {
  it("writes UTC dates in words", () => {
    expect(formatDate("2024-04-19")).toBe("19 April 2024");
    expect(formatDate("2024-04-21T23:30:00-02:00")).toBe("22 April 2024");
    expect(formatDateTime("2024-04-22T09:05:00.000Z")).toBe("22 April 2024, 09:05 UTC");
    expect(formatDateTime("2024-04-19")).toBe("19 April 2024");
    expect(isoDay("2024-04-22T09:05:00.000Z")).toBe("2024-04-22");
    expect(() => formatDate("not a date")).toThrow(RangeError);
  });
});

describe("toWinAnsi", () => {
  it("keeps Latin-1 and the Windows-1252 punctuation the PDF fonts have", () => {
    const text = "Café “quoted” ‘x’ – — … • € ™ Œ";
    expect(toWinAnsi(text)).toBe(text);
  });

  it("maps or replaces everything else", () => {
    expect(toWinAnsi("a → b − c ‐ d")).toBe("a -> b - c - d");
    expect(toWinAnsi("Gdańsk, Čapek, Şahin, Őr")).toBe("Gdansk, Capek, Sahin, Or");
    expect(toWinAnsi("制裁 Санкции 😀")).toBe("?? ??????? ?");
    expect(toWinAnsi("a\u200bb\u0007c\td\u2003e\nf")).toBe("ab c d e\nf");
  });
});

describe("snapshot schema", () => {
  it("accepts the fixture and rejects what a briefing cannot hold", () => {
    expect(briefingSnapshotSchema.parse(fixtureSnapshot)).toEqual(fixtureSnapshot);
    const bad = (patch: object) => briefingSnapshotSchema.safeParse({ ...fixtureSnapshot, ...patch }).success;
    expect(bad({ marking: "SECRET" })).toBe(false);
    expect(bad({ formatVersion: 2 })).toBe(false);
    expect(bad({ createdAt: "yesterday" })).toBe(false);
    const issue = fixtureSnapshot.issues[0];
    expect(bad({ issues: [{ ...issue, impact: 6 }] })).toBe(false);
    expect(bad({ issues: [{ ...issue, likelihood: "probable" }] })).toBe(false);
  });
});

describe("designated actors", () => {
  it("name the list, the entry, the programs and since when; snapshots from before designations parse with none", () => {
    const designation = { entity: "Wuhan Global Sensor Technology", list: "OFAC SDN", sourceId: "46633", listedName: "WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD.", programs: ["RUSSIA-EO14024"] };
    expect(designationsText([{ ...designation, since: "2024-05-01" }, { ...designation, entity: "Other", programs: [], since: null }])).toBe(
      "Wuhan Global Sensor Technology: OFAC SDN (46633), RUSSIA-EO14024, since 1 May 2024; Other: OFAC SDN (46633), listing date unknown",
    );
    expect(designationsText([])).toBe("None recorded");
    const old = structuredClone(fixtureSnapshot) as { issues: Array<{ designations?: unknown }> };
    for (const issue of old.issues) delete issue.designations;
    expect(briefingSnapshotSchema.parse(old).issues.every((issue) => issue.designations.length === 0)).toBe(true);
  });
});
