import type { Metadata } from "next";
import Link from "next/link";
import { Fragment, Suspense } from "react";
import { credibilityLabels, reliabilityLabels } from "@/lib/domain/grading";
import { hasRole } from "@/lib/auth/roles";
import { getDocument } from "@/lib/services/documents";
import { documentNames } from "@/lib/services/entities/document-names";
import { formatDate, formatDateTime } from "@/lib/ui/format";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import type { Actor } from "@/lib/auth/actor";
import type { DocumentDetail } from "@/lib/validation/documents";
import { segmentText, type Highlight } from "@/app/(app)/library/highlights";
import { stanceLabels } from "@/lib/domain/stance";
import type { Stance } from "@/lib/generated/prisma/enums";
import { safeUrl } from "@/lib/ui/url";
import { FoundNames } from "./found-names";

type Props = { params: Promise<{ id: string }> };
type Evidence = DocumentDetail["evidence"][number];

const loadDocument = loaderOrNotFound(getDocument);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { record: document } = await loadDocument((await params).id);
  return { title: document.title };
}

export default async function DocumentPage({ params }: Props) {
  const { actor, record: document } = await loadDocument((await params).id);
  const url = safeUrl(document.url);
  const { source } = document;
  // Each quote gets a number, in the order it appears in the text: the same number marks it in the text and in the list.
  const numbered = document.evidence.map((evidence, i) => ({ evidence, number: i + 1 }));
  const byIssue = new Map<string, { issue: Evidence["issue"]; quotes: typeof numbered }>();
  for (const entry of numbered) {
    const group = byIssue.get(entry.evidence.issue.id) ?? { issue: entry.evidence.issue, quotes: [] };
    group.quotes.push(entry);
    byIssue.set(entry.evidence.issue.id, group);
  }

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/library">← Evidence library</Link>
      </nav>
      <h1>{document.title}</h1>

      <section aria-label="About this document" className="card">
        <dl className="facts">
          <div>
            <dt>Source</dt>
            <dd>
              {source ? (
                <>
                  {source.name}{" "}
                  <span className="badge grade">
                    <span className="visually-hidden">Reliability </span>
                    {source.reliability}
                  </span>{" "}
                  {reliabilityLabels[source.reliability]}
                </>
              ) : (
                "No source (reliability cannot be judged: F)"
              )}
            </dd>
          </div>
          <div>
            <dt>Published</dt>
            <dd>{document.publishedAt ? formatDate(document.publishedAt) : "Not known"}</dd>
          </div>
          <div>
            <dt>Added to the library</dt>
            <dd>{formatDateTime(document.retrievedAt)}</dd>
          </div>
          <div>
            <dt>Address</dt>
            <dd className="break-anywhere">
              {url ? (
                <a href={url} rel="noopener noreferrer">
                  {url}
                </a>
              ) : (
                (document.url ?? "None given")
              )}
            </dd>
          </div>
          {document.captureId && (
            <div>
              <dt>Snapshot</dt>
              <dd>
                {/* The page as it was fetched: served sandboxed (no scripts, nothing loaded), or as its source text. */}
                <a href={`/api/captures/${document.captureId}/snapshot`}>The page as fetched</a> (
                <a href={`/api/captures/${document.captureId}/snapshot?as=text`}>its source</a>)
              </dd>
            </div>
          )}
          {document.attribution && (
            <div className="facts-wide">
              <dt>Attribution</dt>
              <dd>{document.attribution}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="document-issues-heading" className="stack">
        <h2 id="document-issues-heading">Issues it evidences ({byIssue.size})</h2>
        {byIssue.size === 0 ? (
          <p className="muted">This document is not linked to any issue yet.</p>
        ) : (
          <ul className="evidence-list">
            {[...byIssue.values()].map(({ issue, quotes }) => (
              <li key={issue.id} className="card stack tight">
                <h3 className="document-issue-title">
                  <Link href={`/issues/${issue.id}`}>{issue.title}</Link>
                </h3>
                <ul className="inline-list stack tight">
                  {quotes.map(({ evidence, number }) => (
                    <li key={evidence.id} id={`evidence-${evidence.id}`} className="document-quote">
                      <p className="small">
                        <span className="badge grade">
                          <span className="visually-hidden">Grade </span>
                          {evidence.grade}
                        </span>{" "}
                        {credibilityLabels[evidence.credibility] ?? `Credibility ${evidence.credibility}`} ·{" "}
                        <span className={`badge stance-${evidence.stance}`}>{stanceLabels[evidence.stance as Stance] ?? evidence.stance}</span> ·{" "}
                        <a href={`#quote-${evidence.id}`}>Quote {number} in the text</a>
                      </p>
                      <blockquote className="quote">{evidence.quote}</blockquote>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* The names come from analysing the text again (seconds on a long one): the rest of the page does not wait. */}
      <Suspense fallback={<p className="muted" role="status">Finding the organisations and people the document names…</p>}>
        <NamesFound actor={actor} documentId={document.id} />
      </Suspense>

      <section aria-labelledby="document-text-heading" className="stack">
        <h2 id="document-text-heading">Full text</h2>
        {numbered.length > 0 && (
          <p className="muted small document-text-hint">
            Quoted passages are highlighted; the label after each one gives its number and grade and leads to the issue it supports.
          </p>
        )}
        <DocumentText text={document.text} quotes={numbered} />
      </section>
    </div>
  );
}

async function NamesFound({ actor, documentId }: { actor: Actor; documentId: string }) {
  const { names } = await documentNames(actor, documentId);
  return <FoundNames documentId={documentId} names={names} canEdit={hasRole(actor.role, "analyst")} />;
}

type Numbered = { evidence: Evidence; number: number };

/** The stored text as text, with every quoted passage marked, however the quotes overlap. */
function DocumentText({ text, quotes }: { text: string; quotes: Numbered[] }) {
  const highlights: Highlight<Numbered>[] = quotes.map((q) => ({ start: q.evidence.quoteStart, end: q.evidence.quoteEnd, value: q }));
  const anchored = new Set<string>();
  const refId = (q: Numbered) => `quote-ref-${q.evidence.id}`;
  return (
    <div className="document-text card">
      {segmentText(text, highlights).map((segment) => {
        if (segment.covering.length === 0) return <Fragment key={segment.start}>{segment.text}</Fragment>;
        // The first piece of each quote is where "Quote n in the text" leads.
        const first = segment.covering.find((h) => !anchored.has(h.value.evidence.id));
        if (first) anchored.add(first.value.evidence.id);
        const ending = segment.covering.filter((h) => h.end === segment.end);
        return (
          <Fragment key={segment.start}>
            <mark
              id={first ? `quote-${first.value.evidence.id}` : undefined}
              className={segment.covering.length > 1 ? "quote-mark overlap" : "quote-mark"}
              // <mark> may not carry a label (ARIA prohibits naming it); the reference after the quote names the issue and grade.
              aria-describedby={segment.covering.map((h) => refId(h.value)).join(" ")}
              title={segment.covering.map((h) => `Evidence for ${h.value.evidence.issue.title}, grade ${h.value.evidence.grade}`).join("; ")}
            >
              {segment.text}
            </mark>
            {ending.map(({ value }) => (
              <sup key={value.evidence.id} className="quote-ref">
                <a id={refId(value)} href={`#evidence-${value.evidence.id}`}>
                  [{value.number}: {value.evidence.grade}
                  <span className="visually-hidden">, quoted as evidence for {value.evidence.issue.title}</span>
                  ]
                </a>
              </sup>
            ))}
          </Fragment>
        );
      })}
    </div>
  );
}
