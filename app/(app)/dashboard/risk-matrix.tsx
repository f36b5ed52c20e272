import Link from "next/link";
import { likelihoodLabels, likelihoodRanges, likelihoods } from "@/lib/domain/likelihood";
import { impactLabels, IMPACT_MAX, IMPACT_MIN, riskLevel, riskScore } from "@/lib/domain/risk";
import type { MatrixCell } from "@/lib/validation/stats";

const impacts = Array.from({ length: IMPACT_MAX - IMPACT_MIN + 1 }, (_, i) => IMPACT_MIN + i);

const levels = [
  { level: "low", label: "Low", range: "1–6" },
  { level: "medium", label: "Medium", range: "7–13" },
  { level: "high", label: "High", range: "14–20" },
  { level: "critical", label: "Critical", range: "21–35" },
] as const;

export const matrixHref = (cell: Pick<MatrixCell, "likelihood" | "impact">) =>
  `/watchlist?${new URLSearchParams({ likelihood: cell.likelihood, impact: String(cell.impact) })}`;

const plural = (count: number) => (count === 1 ? "1 issue" : `${count} issues`);

// The heat map is an HTML table, not a chart: rows are likelihood (most likely on top), columns are
// impact, and each cell is a link to the watchlist filtered to it, reachable with Tab. The shade
// darkens with the risk level (one lightness ramp, so it holds in grayscale and for colour-blind
// readers), and the risk score is printed in every cell: colour is never the only cue.
export function RiskMatrix({ cells }: { cells: MatrixCell[] }) {
  const byKey = new Map(cells.map((c) => [`${c.likelihood}:${c.impact}`, c]));
  const rows = [...likelihoods].reverse();
  return (
    <section className="card dash-card dash-matrix-card" aria-labelledby="matrix-title" data-chart="matrix">
      <h2 id="matrix-title">Risk matrix</h2>
      <p className="muted small dash-summary">
        Issues by likelihood and impact; risk is the likelihood band (1–7) times the impact (1–5). Choose a cell to see its issues in the watchlist.
      </p>
      <div className="table-scroll">
        <table className="dash-matrix">
          <caption className="visually-hidden">Risk matrix: number of issues for each likelihood (rows) and impact (columns), with the risk score of the cell</caption>
          <thead>
            <tr>
              <th scope="col" className="dash-matrix-corner">
                Likelihood <span aria-hidden="true">↓</span> / Impact <span aria-hidden="true">→</span>
              </th>
              {impacts.map((impact) => (
                <th scope="col" key={impact}>
                  {impact} <span className="dash-axis-note">{impactLabels[impact]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((likelihood) => (
              <tr key={likelihood}>
                <th scope="row">
                  {likelihoodLabels[likelihood]} <span className="dash-axis-note">{likelihoodRanges[likelihood]}</span>
                </th>
                {impacts.map((impact) => {
                  const cell = byKey.get(`${likelihood}:${impact}`);
                  const count = cell?.count ?? 0;
                  const score = riskScore(likelihood, impact);
                  const level = riskLevel(score);
                  return (
                    <td key={impact} className={`dash-cell dash-level-${level}${count > 0 ? " dash-cell-filled" : ""}`}>
                      <Link href={matrixHref({ likelihood, impact })} prefetch={false}>
                        <span className="dash-count">{count}</span>
                        <span className="visually-hidden">
                          {" "}
                          {count === 1 ? "issue" : "issues"} with likelihood {likelihoodLabels[likelihood].toLowerCase()} and impact {impact} ({impactLabels[impact]?.toLowerCase()}),
                        </span>
                        <span className="dash-score">
                          {" "}
                          risk {score}
                          <span className="visually-hidden"> ({level})</span>
                        </span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="dash-legend" aria-label="Risk levels">
        {levels.map(({ level, label, range }) => (
          <li key={level}>
            <span className={`dash-swatch dash-level-${level}`} aria-hidden="true" />
            {label} <span className="muted">({range})</span>
          </li>
        ))}
      </ul>
      <p className="muted small">{plural(cells.reduce((total, c) => total + c.count, 0))} on the matrix, closed ones included.</p>
    </section>
  );
}
