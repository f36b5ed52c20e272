import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { reliabilities, reliabilityLabels } from "@/lib/domain/grading";
import { searchDocuments } from "@/lib/services/documents";
import { listIssues } from "@/lib/services/watchlist";
import { listSources } from "@/lib/services/sources";
import { FilterSelect } from "@/app/components/filter-select";
import { Pager } from "@/app/components/pager";
import { formatDate } from "@/lib/ui/format";
import { firstParam, presentParams, viewHref } from "@/lib/ui/url";
import { searchDocumentsQuerySchema, type DocumentPage, type DocumentSummary, type SearchDocumentsQuery } from "@/lib/validation/documents";
import { listIssuesQuerySchema } from "@/lib/validation/issues";
import { snippetParts } from "./highlights";

export const metadata: Metadata = { title: "Evidence library" };

type SearchParams = Record<string, string | string[] | undefined>;

const FILTERS = ["q", "source", "reliability", "issue", "from", "to"] as const;

// Like the watchlist: the search and filters live in the URL (bookmarkable, shareable) and the
// form is a plain GET form, so it works from the keyboard and without JavaScript.
export default async function LibraryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = presentParams(await searchParams);
  const parsed = searchDocumentsQuerySchema.safeParse(raw);
  const query: SearchDocumentsQuery = parsed.success ? parsed.data : searchDocumentsQuerySchema.parse({});
  const [page, sources, issues] = await Promise.all([
    searchDocuments(actor, query),
    listSources(actor),
    listIssues(actor, listIssuesQuerySchema.parse({ sort: "title", pageSize: 100 })),
  ]);
  const filtered = parsed.success && FILTERS.some((key) => key in raw);
  const first = (key: string) => firstParam(raw, key);
  const href = (change: Record<string, string | number | undefined>) => viewHref("/library", raw, change);
  const canAdd = hasRole(actor.role, "analyst");

  return (
    <>
      <div className="page-title">
        <h1>Evidence library</h1>
        {canAdd && (
          <Link href="/library/new" className="button primary">
            Add evidence
          </Link>
        )}
      </div>

      <form method="get" action="/library" className="filters" role="search" aria-label="Search the evidence library">
        <div className="field library-search">
          <label htmlFor="library-q">Search</label>
          <input id="library-q" type="search" name="q" defaultValue={first("q")} maxLength={200} aria-describedby="library-q-hint" />
          <span id="library-q-hint" className="hint">
            Words match in any form. Use &quot;quotes&quot; for a phrase, a minus sign to leave a word out (-drones), or <kbd>or</kbd> for
            either word.
          </span>
        </div>
        <FilterSelect label="Source" name="source" value={first("source")} any="Any source" choices={sources.map((s) => [s.id, `${s.name} (${s.reliability})`])} />
        <FilterSelect label="Source reliability" name="reliability" value={first("reliability")} any="Any grade" choices={reliabilities.map((r) => [r, `${r} — ${reliabilityLabels[r]}`])} />
        <FilterSelect label="Evidence for issue" name="issue" value={first("issue")} any="Any issue" choices={issues.items.map((issue) => [issue.id, issue.title])} />
        <div className="field narrow-date">
          <label htmlFor="library-from">Published from</label>
          <input id="library-from" type="date" name="from" defaultValue={first("from")} />
        </div>
        <div className="field narrow-date">
          <label htmlFor="library-to">Published to</label>
          <input id="library-to" type="date" name="to" defaultValue={first("to")} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Search
          </button>
          {Object.keys(raw).length > 0 && (
            <Link href="/library" className="button">
              Clear
            </Link>
          )}
        </div>
      </form>

      {!parsed.success && (
        <p role="alert" className="error-message">
          Some filters in the address were not understood, so the whole library is shown. Check the dates and try again.
        </p>
      )}

      <p className="muted" aria-live="polite">
        {resultSummary(page, filtered, query.q, FILTERS.some((k) => k !== "q" && k in raw))}
      </p>

      {page.items.length === 0 ? (
        <div className="empty-state">
          {filtered || query.page > 1 ? (
            <>
              <h2>No documents match</h2>
              <p>
                {query.q ? <>Nothing in the library matches “{query.q}”{filtered ? " with these filters" : ""}. </> : "Nothing in the library matches these filters. "}
                Try other words, or <Link href="/library">clear the search</Link> to see the whole library.
              </p>
            </>
          ) : (
            <>
              <h2>No documents yet</h2>
              <p>
                The library keeps the text of each article, statement and report your team uses as evidence, so quotes survive when links break.
              </p>
              {canAdd ? (
                <p>
                  <Link href="/library/new">Add the first document</Link>: paste its text or upload a file.
                </p>
              ) : (
                <p className="muted">Analysts of your team can add documents.</p>
              )}
            </>
          )}
        </div>
      ) : (
        <ol className="library-results" aria-label="Documents">
          {page.items.map((document) => (
            <DocumentResult key={document.id} document={document} />
          ))}
        </ol>
      )}

      <Pager page={query.page} pageSize={page.pageSize} total={page.total} href={(n) => href({ page: n })} />
    </>
  );
}

function resultSummary({ total, capped }: DocumentPage, filtered: boolean, q: string | undefined, otherFilters: boolean): string {
  const count = total === 1 ? "1 document" : `${total.toLocaleString("en")} documents`;
  const verb = total === 1 ? "matches" : "match";
  if (!filtered) return `${count} in the library`;
  if (!q) return `${count} ${verb} these filters`;
  if (capped) return `More than ${count} match “${q}”${otherFilters ? " with these filters" : ""}: the newest ${count} are shown, best match first. Add words or a date range to reach older ones.`;
  return `${count} ${verb} “${q}”${otherFilters ? " with these filters" : ""}${total > 1 ? ", best match first" : ""}`;
}

function DocumentResult({ document }: { document: DocumentSummary }) {
  const { source } = document;
  return (
    <li className="card library-result">
      <h2 className="library-result-title">
        <Link href={`/library/${document.id}`}>{document.title}</Link>
      </h2>
      <p className="library-result-meta small">
        {source ? (
          <>
            <span>{source.name}</span>{" "}
            <span className="badge grade" title={reliabilityLabels[source.reliability]}>
              <span className="visually-hidden">Reliability </span>
              {source.reliability}
            </span>
            <span className="visually-hidden"> ({reliabilityLabels[source.reliability]})</span>
          </>
        ) : (
          <span>No source</span>
        )}
        <span aria-hidden="true"> · </span>
        <span>{document.publishedAt ? `Published ${formatDate(document.publishedAt)}` : `Added ${formatDate(document.retrievedAt)}`}</span>
        <span aria-hidden="true"> · </span>
        <span>{document.evidenceCount === 1 ? "1 evidence link" : `${document.evidenceCount} evidence links`}</span>
      </p>
      {document.snippet && (
        <p className="snippet">
          <span className="visually-hidden">Matching passage: </span>…
          {snippetParts(document.snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}…
        </p>
      )}
    </li>
  );
}
