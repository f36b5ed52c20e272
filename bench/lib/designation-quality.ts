// Screening quality (issue 13), beside a naive baseline: fuzzball's token_set_ratio over every name and alias,
// the best per entry, with the same thresholds scaled to 0–100. Pure: no database.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import * as fuzz from "fuzzball";
import Papa from "papaparse";
import { newEntry, type EntryType } from "@/lib/sanctions/entry";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { designationCases, designationLists, measureSet, queryOf, type DesignationCase, type ScoredRef } from "@/lib/sanctions/match/designation-set";
import { prepareEntry, prepareQuery, scoreEntry, THRESHOLDS } from "@/lib/sanctions/match/score";
import { ScreeningIndex } from "@/lib/sanctions/match/screening-index";

export type Quality = { f1: number; precision: number; recall: number; setRecall: number; setPrecision: number };
export type QualityResult = { matcher: Quality; baseline: Quality; cases: number; pairs: number; seconds: number };

const TYPES: Record<string, EntryType> = { Person: "person", Vessel: "vessel" };
const f1Of = (tp: number, fp: number, fn: number) => {
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
};

export async function measureQuality(): Promise<QualityResult> {
  const started = performance.now();
  const lists = await designationLists();
  const indexes = lists.map(({ list, entries }) => ({ list, index: new ScreeningIndex(entries) }));
  const sdnWeights = indexes[0]!.index.weights;
  const pairs = Papa.parse<Record<string, string>>(gunzipSync(readFileSync(sanctionsFixturePath("nameBenchCases"))).toString("utf8"), { header: true, skipEmptyLines: true }).data;
  const cases = designationCases();

  const pairF1 = (score: (a: string, b: string, type: EntryType) => boolean) => {
    let tp = 0, fp = 0, fn = 0;
    for (const { schema, name1, name2, is_match } of pairs) {
      const predicted = score(name1!, name2!, TYPES[schema!] ?? "organization");
      const actual = is_match === "true";
      if (predicted && actual) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
    }
    return f1Of(tp, fp, fn);
  };

  const ours = pairF1((a, b, type) => scoreEntry(prepareQuery({ name: a, type }), prepareEntry(newEntry("bench", type, b)), sdnWeights).score >= THRESHOLDS.match);
  const oursSet = measureSet(cases, (c) => indexes.flatMap(({ list, index }) => index.screen(queryOf(c)).map((hit) => ({ ref: `${list}:${hit.entry.sourceId}`, score: hit.score }))), THRESHOLDS);

  // The baseline scores in 0–100; the thresholds are scaled the same way.
  const ratio = (a: string, b: string) => fuzz.token_set_ratio(a, b, { full_process: true }) / 100;
  const naive = pairF1((a, b) => ratio(a, b) >= THRESHOLDS.match);
  // Names cleaned once (fuzzball's own full_process), not once per comparison: 40,000 names times 769 queries.
  const clean = (name: string) => fuzz.full_process(name);
  const everyName = lists.flatMap(({ list, entries }) => entries.map((entry) => ({ ref: `${list}:${entry.sourceId}`, names: [entry.name, ...entry.aliases.map((alias) => alias.name)].map(clean) })));
  const naiveHits = (c: DesignationCase): ScoredRef[] =>
    everyName.flatMap(({ ref, names }) => {
      const query = clean(c.query);
      const score = Math.max(...names.map((name) => fuzz.token_set_ratio(query, name, { full_process: false }) / 100));
      return score >= THRESHOLDS.review ? [{ ref, score }] : [];
    });
  const naiveSet = measureSet(cases, naiveHits, THRESHOLDS);

  return {
    matcher: { ...ours, setRecall: oursSet.recall, setPrecision: oursSet.precision },
    baseline: { ...naive, setRecall: naiveSet.recall, setPrecision: naiveSet.precision },
    cases: cases.length,
    pairs: pairs.length,
    seconds: (performance.now() - started) / 1000,
  };
}
