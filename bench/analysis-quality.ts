// The analysis on the labelled corpus (issue 16) on its own, without the rest of the benchmark:
//   npx tsx --conditions=react-server bench/analysis-quality.ts [--json]
// npm run bench prints the same section and targets.
import { analysisQualityTables, analysisQualityTargets, measureAnalysisQuality } from "./lib/analysis-quality";
import { targetsTable } from "./lib/report";

const quality = measureAnalysisQuality();
if (process.argv.includes("--json")) console.log(JSON.stringify(quality, null, 2));
else {
  console.log(analysisQualityTables(quality));
  console.log(targetsTable(analysisQualityTargets(quality)));
}
