import { credibilityLabels, reliabilityLabels } from "@/lib/domain/grading";
import { stanceLabels } from "@/lib/domain/stance";
import { formatDate, formatDateTime } from "@/lib/ui/format";
import { safeUrl } from "@/lib/ui/url";
import type { IssueDetail } from "@/lib/validation/issues";

type Evidence = IssueDetail["evidence"][number];


export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  return (
    <section aria-labelledby="evidence-heading" className="stack">
      <h2 id="evidence-heading">Evidence ({evidence.length})</h2>
      {evidence.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No evidence yet</strong>
          </p>
          <p className="muted">Quoted passages from articles and official statements will be listed here, each with its grade, once they are linked to this issue.</p>
        </div>
      ) : (
        <ul className="evidence-list">
          {evidence.map((item) => (
            <EvidenceItem key={item.id} evidence={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EvidenceItem({ evidence }: { evidence: Evidence }) {
  const { document } = evidence;
  const reliability = document.source?.reliability as keyof typeof reliabilityLabels | undefined;
  const url = safeUrl(document.url);
  return (
    <li className="card stack evidence">
      {/* The exact passage, as text: documents come from outside and are never rendered as HTML. */}
      <blockquote className="quote">{evidence.quote}</blockquote>
      <p className="evidence-grade">
        <span className="badge grade">
          <span className="visually-hidden">Grade </span>
          {evidence.grade}
        </span>{" "}
        {reliability ? `${reliabilityLabels[reliability]} source` : "Source reliability not graded"} ·{" "}
        {credibilityLabels[evidence.credibility] ?? `Credibility ${evidence.credibility}`} ·{" "}
        <span className={`badge stance-${evidence.stance}`}>{stanceLabels[evidence.stance]}</span>
      </p>
      <p className="small">
        From <cite>{url ? <a href={url}>{document.title}</a> : document.title}</cite>
        {document.source ? `, ${document.source.name}` : ""}
        {document.publishedAt ? `, ${formatDate(document.publishedAt)}` : ""}
      </p>
      {evidence.note && (
        <p>
          <strong>Note:</strong> {evidence.note}
        </p>
      )}
      <p className="muted small">Added {formatDateTime(evidence.createdAt)}</p>
    </li>
  );
}
