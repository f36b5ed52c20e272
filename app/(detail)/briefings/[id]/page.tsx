import type { Metadata } from "next";
import Link from "next/link";
import { buildOutline, citationText, EMPTY_TEXT, HEADINGS } from "@/lib/briefings/export/outline";
import { getBriefing } from "@/lib/services/briefings";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import { BriefingDownloads } from "@/app/(app)/briefings/briefing-downloads";
import { MarkingBadge } from "@/app/(app)/briefings/marking-badge";

type Props = { params: Promise<{ id: string }> };

// The briefing as its documents say it: the page is built from the same outline as the Markdown, DOCX and
// PDF exports (lib/briefings/export/outline.ts), so what is read here is what is downloaded.

const loadBriefing = loaderOrNotFound(getBriefing);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { record: briefing } = await loadBriefing((await params).id);
  return { title: briefing.title };
}

export default async function BriefingPage({ params }: Props) {
  const { record: briefing } = await loadBriefing((await params).id);
  const { snapshot } = briefing;
  const outline = buildOutline(snapshot);
  const previous = snapshot.previousBriefing;

  return (
    <article className="briefing stack" aria-labelledby="briefing-title">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/briefings">← Briefings</Link>
      </nav>
      <header className="stack tight">
        <MarkingBadge marking={outline.marking} />
        <h1 id="briefing-title">{outline.title}</h1>
        <dl className="facts">
          {outline.meta.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                {label === "Previous briefing" && previous ? <Link href={`/briefings/${previous.id}`}>{value}</Link> : value}
              </dd>
            </div>
          ))}
        </dl>
      </header>

      <BriefingDownloads exports={briefing.exports} />

      <section className="card" aria-labelledby="bottom-line">
        <h2 id="bottom-line">{HEADINGS.bottomLine}</h2>
        {(outline.bottomLine.length ? outline.bottomLine : [EMPTY_TEXT.bottomLine]).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </section>

      <section aria-labelledby="issues-heading" className="stack">
        <h2 id="issues-heading">{HEADINGS.issues}</h2>
        {outline.issues.length === 0 && <p>{EMPTY_TEXT.issues}</p>}
        {outline.issues.map((issue, index) => (
          <section key={snapshot.issues[index]!.id} className="card stack tight" aria-labelledby={`issue-${index}`}>
            <h3 id={`issue-${index}`}>{issue.heading}</h3>
            <dl className="facts">
              {issue.fields.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {issue.summary.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
            <h4>{HEADINGS.keyEvidence}</h4>
            {issue.evidence.length === 0 ? (
              <p className="muted">{EMPTY_TEXT.evidence}</p>
            ) : (
              <ol className="briefing-evidence">
                {issue.evidence.map((evidence) => (
                  <li key={evidence.citation.number} id={`ref-${evidence.citation.number}`}>
                    <strong>
                      {evidence.stance}, {evidence.grade}:
                    </strong>{" "}
                    {evidence.text}
                    <sup>
                      <a href={`#note-${evidence.citation.number}`} aria-label={`Note ${evidence.citation.number}`}>
                        [{evidence.citation.number}]
                      </a>
                    </sup>
                  </li>
                ))}
              </ol>
            )}
            <p className="small">
              <Link href={`/issues/${snapshot.issues[index]!.id}`}>The issue as it is now</Link>
            </p>
          </section>
        ))}
      </section>

      <section className="card" aria-labelledby="changes-heading">
        <h2 id="changes-heading">{outline.changesHeading}</h2>
        {outline.changesIntro && <p>{outline.changesIntro}</p>}
        {outline.changes.length === 0 ? (
          <p className="muted">{EMPTY_TEXT.changes}</p>
        ) : (
          <ul className="briefing-changes">
            {outline.changes.map((change, i) => (
              <li key={i}>
                <span className="muted">
                  {change.when}, {change.actor},
                </span>{" "}
                <strong>{change.issueTitle}</strong>: {change.what}.{change.summary ? ` ${change.summary}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      {outline.citations.length > 0 && (
        <section className="card" aria-labelledby="notes-heading">
          <h2 id="notes-heading">{HEADINGS.notes}</h2>
          <ol className="briefing-notes">
            {outline.citations.map((citation) => (
              <li key={citation.number} id={`note-${citation.number}`}>
                {citationText(citation)}{" "}
                {citation.url && (
                  <a href={citation.url} rel="noreferrer">
                    {citation.url}
                  </a>
                )}
                <blockquote className="quote">{citation.quote}</blockquote>
                <a href={`#ref-${citation.number}`} className="small">
                  Back to the text<span className="visually-hidden"> of note {citation.number}</span>
                </a>
              </li>
            ))}
          </ol>
        </section>
      )}

      <footer>
        <MarkingBadge marking={outline.marking} />
      </footer>
    </article>
  );
}
