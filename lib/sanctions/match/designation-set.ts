// The designation set (fixtures/designation-set.csv.gz, made by bench/designation-set.ts): real listed names written
// as articles write them, and real names that are not listed. Measures a matcher on it, as issue 13 states the
// targets: recall at the review threshold, precision at the match threshold.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import type { EntryType, SanctionsEntry } from "../entry";
import { openSanctionsFixture, sanctionsFixturePath } from "../fixtures/fixtures";
import { importEntries } from "../import";
import { importOfacCsv } from "../import/ofac-csv";
import { collect } from "../testing";
import type { ScreeningQuery } from "./score";

export interface DesignationCase {
  query: string;
  type: EntryType;
  country: string;
  /** "ofac-sdn:48590", or empty when the name is not listed. */
  expected: string;
  /** Other entries a hit on which is right too: the same designee on the other list, or a namesake. */
  also: string;
  variant: string;
  origin: string;
}

export function designationCases(): DesignationCase[] {
  const text = gunzipSync(readFileSync(sanctionsFixturePath("designationSet"))).toString("utf8");
  return Papa.parse<DesignationCase>(text, { header: true, skipEmptyLines: true }).data;
}

/** The lists the set was labelled against, as the app screens them: OFAC SDN of 1 May 2024 and the UN list. */
export async function designationLists(): Promise<{ list: string; entries: SanctionsEntry[] }[]> {
  return [
    { list: "ofac-sdn", entries: await collect(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024May01") })) },
    { list: "un-sc", entries: await collect(importEntries("un-xml", openSanctionsFixture("unConsolidated2026Feb27"))) },
  ];
}

export const queryOf = (c: DesignationCase): ScreeningQuery => ({ name: c.query, type: c.type, ...(c.country ? { country: c.country } : {}) });

/** A hit as "list:sourceId" with its score, for any matcher. */
export type ScoredRef = { ref: string; score: number };

export interface SetQuality {
  /** Listed cases whose expected entry is among the hits at or above the review threshold. */
  recall: number;
  /** Hits at or above the match threshold that are the expected entry (or one of `also`). */
  precision: number;
  listed: number;
  matchHits: number;
  /** Cases that fail either measure, for reading. */
  misses: { case: DesignationCase; why: string }[];
  /** Recall by kind of variant. */
  byVariant: Record<string, { cases: number; found: number; wrongMatches: number }>;
}

/** Recall at `review`, precision at `match`, given each case's hits. */
export function measureSet(cases: DesignationCase[], hitsOf: (c: DesignationCase) => ScoredRef[], { match, review }: { match: number; review: number }): SetQuality {
  let listed = 0;
  let found = 0;
  let matchHits = 0;
  let rightMatches = 0;
  const misses: SetQuality["misses"] = [];
  const byVariant: SetQuality["byVariant"] = {};
  for (const c of cases) {
    const hits = hitsOf(c);
    const right = new Set([c.expected, ...c.also.split(" ")].filter(Boolean));
    const variant = (byVariant[c.variant] ??= { cases: 0, found: 0, wrongMatches: 0 });
    variant.cases++;
    if (c.expected) {
      listed++;
      if (hits.some((hit) => hit.ref === c.expected && hit.score >= review)) {
        found++;
        variant.found++;
      } else misses.push({ case: c, why: `not found; best ${hits[0] ? `${hits[0].ref} ${hits[0].score}` : "none"}` });
    }
    for (const hit of hits.filter((h) => h.score >= match)) {
      matchHits++;
      if (right.has(hit.ref)) rightMatches++;
      else {
        variant.wrongMatches++;
        misses.push({ case: c, why: `wrong match ${hit.ref} ${hit.score}` });
      }
    }
  }
  return { recall: found / listed, precision: matchHits ? rightMatches / matchHits : 1, listed, matchHits, misses, byVariant };
}
