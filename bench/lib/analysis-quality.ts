// Issue 16: the analysis on the labelled set of real texts (lib/analysis/corpus), in this process (it is pure
// and takes a few seconds), printed beside the issue's targets.
import { CORPUS_TARGETS, evaluateCorpus, type CorpusEvaluation } from "@/lib/analysis/corpus/evaluate";
import { loadCorpus } from "@/lib/analysis/corpus/load";
import { round } from "./measure";
import { table, type Target } from "./report";

export type AnalysisQuality = CorpusEvaluation & { seconds: number };

export function measureAnalysisQuality(): AnalysisQuality {
  const started = performance.now();
  const result = evaluateCorpus(loadCorpus());
  return { ...result, seconds: round((performance.now() - started) / 1000, 1) };
}

const pct = (x: number) => round(x * 100, 1);

export function analysisQualityTargets(q: AnalysisQuality): Target[] {
  const { relevance, categories, organizations, fragments, counts } = q;
  return [
    {
      id: "corpus-auc",
      issue: "#16",
      description: `AUC of relevance, ${counts.related} related vs ${counts.unrelated} unrelated real texts`,
      threshold: `≥ ${CORPUS_TARGETS.auc}`,
      measured: round(relevance.auc, 3),
      unit: "",
      pass: relevance.auc >= CORPUS_TARGETS.auc,
    },
    {
      id: "corpus-unrelated-marked-related",
      issue: "#16",
      description: `unrelated texts marked related (the analysis's verdict), of ${counts.unrelated}`,
      threshold: `= ${CORPUS_TARGETS.unrelatedMarkedRelated}`,
      measured: relevance.unrelatedMarkedRelated,
      unit: "texts",
      pass: relevance.unrelatedMarkedRelated === CORPUS_TARGETS.unrelatedMarkedRelated,
    },
    {
      id: "corpus-right-category-first",
      issue: "#16",
      description: `related texts with the labelled category first, of ${categories.scored}`,
      threshold: `≥ ${pct(CORPUS_TARGETS.rightCategoryFirst)} %`,
      measured: pct(categories.rate),
      unit: "%",
      pass: categories.rate >= CORPUS_TARGETS.rightCategoryFirst,
    },
    {
      id: "corpus-org-precision",
      issue: "#16",
      description: `organisation precision against the hand labels (${organizations.predicted} names recognised)`,
      threshold: `≥ ${CORPUS_TARGETS.orgPrecision}`,
      measured: round(organizations.precision, 3),
      unit: "",
      pass: organizations.precision >= CORPUS_TARGETS.orgPrecision,
    },
    {
      id: "corpus-org-recall",
      issue: "#16",
      description: `organisation recall against the hand labels (${organizations.labelled} labelled)`,
      threshold: `≥ ${CORPUS_TARGETS.orgRecall}`,
      measured: round(organizations.recall, 3),
      unit: "",
      pass: organizations.recall >= CORPUS_TARGETS.orgRecall,
    },
    {
      id: "corpus-org-fragments",
      issue: "#16",
      description: "organisation names that are fragments (brackets, possessive, cut mid-name, bare legal form or generic noun)",
      threshold: `= ${CORPUS_TARGETS.fragments}`,
      measured: fragments.length,
      unit: "names",
      pass: fragments.length === CORPUS_TARGETS.fragments,
    },
  ];
}

export function analysisQualityTables(q: AnalysisQuality): string {
  const { relevance: r, categories: c, organizations: o, people: p, counts } = q;
  const byGroup = (group: (t: CorpusEvaluation["texts"][number]) => boolean) => q.texts.filter(group).map((t) => t.relevance);
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [sorted.length, sorted[0], sorted[Math.floor(sorted.length / 2)], sorted[sorted.length - 1]];
  };
  const lines = [
    table(
      `Analysis on the labelled corpus (issue 16; lib/analysis/corpus: ${counts.texts} real texts, the demo team's 4 issues; ${q.seconds} s)`,
      ["figure", "value"],
      [
        ["AUC, related vs unrelated", round(r.auc, 3)],
        ["AUC, related vs unrelated and other theaters", round(r.aucAllNegatives, 3)],
        [`related marked related, of ${counts.related}`, r.relatedMarkedRelated],
        [`other theaters marked related, of ${counts.otherTheaters}`, r.otherTheatersMarkedRelated],
        [`unrelated marked related, of ${counts.unrelated}`, r.unrelatedMarkedRelated],
        [`unrelated at or above the median related relevance (${r.relatedMedian})`, r.unrelatedAtOrAboveRelatedMedian],
        [`right category first, of ${c.scored} related`, `${c.rightFirst} (${pct(c.rate)} %)`],
        ["organisations: recognised / labelled / correct / duplicates", `${o.predicted} / ${o.labelled} / ${o.correct} / ${o.duplicates}`],
        ["organisations: precision / recall", `${round(o.precision, 3)} / ${round(o.recall, 3)}`],
        ["people: precision / recall", `${round(p.precision, 3)} / ${round(p.recall, 3)}`],
        ["organisation fragments", q.fragments.length],
      ],
    ),
    table(
      "Relevance (0 to 1) by group",
      ["group", "n", "min", "median", "max"],
      [
        ["related", ...summary(byGroup((t) => t.related))],
        ["other sanctions theaters", ...summary(byGroup((t) => !t.related && t.theater !== "none"))],
        ["unrelated", ...summary(byGroup((t) => t.theater === "none"))],
      ],
    ),
  ];
  const examples = (label: string, items: string[]) => items.length && lines.push(`  ${label} (${items.length}): ${items.slice(0, 12).join("; ")}${items.length > 12 ? "; …" : ""}`);
  examples("wrong category first", c.wrong);
  examples("fragments", q.fragments.map((f) => `${f.id}: ${f.name} (${f.reason})`));
  examples("organisations not in the labels", o.wrong);
  examples("labelled organisations missed", o.missed);
  return lines.join("\n");
}
