import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/app/components/pager";
import { releaseChanges } from "@/lib/services/sanctions/lists";
import { formatDate } from "@/lib/ui/format";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import { presentParams, viewHref } from "@/lib/ui/url";
import { changesQuerySchema, type ChangePage, type ChangesQuery } from "@/lib/validation/sanctions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const KINDS = [
  { kind: undefined, label: "All changes" },
  { kind: "added", label: "Added" },
  { kind: "removed", label: "Removed" },
  { kind: "changed", label: "Changed" },
] as const;

const TYPE_LABELS: Record<string, string> = { person: "Person", organization: "Organisation", vessel: "Vessel", aircraft: "Aircraft" };

/** The release's heading, as a team reads it: "OFAC SDN, 1 May 2024: 298 added, 0 removed, 3 changed". */
const headline = ({ release }: ChangePage) =>
  `${release.listName}, ${formatDate(release.publishedAt)}: ${release.added} added, ${release.removed} removed, ${release.changed} changed`;

/** The view (kind, filters, search, page) lives in the URL, like the watchlist's, so it can be bookmarked and shared. */
async function readView(searchParams: Props["searchParams"]) {
  const raw = presentParams(await searchParams);
  const parsed = changesQuerySchema.safeParse(raw);
  return { raw, valid: parsed.success, query: parsed.success ? parsed.data : changesQuerySchema.parse({}) };
}

const loadChanges = (query: ChangesQuery) => loaderOrNotFound((_actor, id) => releaseChanges(id, query));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { query } = await readView(searchParams);
  const { record } = await loadChanges(query)((await params).id);
  return { title: `What changed: ${record.release.listName}, ${formatDate(record.release.publishedAt)}` };
}

export default async function ReleaseChangesPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { raw, valid, query } = await readView(searchParams);
  const { record: page } = await loadChanges(query)(id);
  const { release, facets } = page;
  const path = `/lists/releases/${id}`;
  const href = (change: Record<string, string | number | undefined>) => viewHref(path, raw, change);
  const filtered = !!(query.program || query.country || query.type || query.q);
  const kindCount = { added: release.added, removed: release.removed, changed: release.changed };

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/lists">← Sanctions lists</Link>
      </nav>
      <h1>{headline(page)}</h1>
      <p className="muted">
        {release.entries.toLocaleString("en-GB")} entries in this release, compared with the list&apos;s release before it by the list&apos;s own id.
      </p>

      <nav aria-label="Kind of change">
        <ul className="tabs">
          {KINDS.map(({ kind, label }) => (
            <li key={label}>
              <Link href={href({ kind, page: undefined })} aria-current={query.kind === kind ? "page" : undefined}>
                {label} ({kind ? kindCount[kind] : release.added + release.removed + release.changed})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action={path} className="filters" role="search" aria-label="Filter the changes">
        {query.kind && <input type="hidden" name="kind" value={query.kind} />}
        <label className="field">
          <span>Search</span>
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder="Name, alias or list id" maxLength={200} />
        </label>
        <FacetSelect name="program" label="Program" any="Any program" values={facets.programs} selected={query.program} />
        <FacetSelect name="country" label="Country" any="Any country" values={facets.countries} selected={query.country} />
        <FacetSelect name="type" label="Type" any="Any type" values={facets.types} selected={query.type} labels={TYPE_LABELS} />
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          {filtered && (
            <Link href={viewHref(path, query.kind ? { kind: query.kind } : {})} className="button">
              Clear filters
            </Link>
          )}
        </div>
      </form>

      {!valid && (
        <p role="alert" className="error-message">
          Some filters in the address were not understood and were ignored.
        </p>
      )}

      <p className="muted" aria-live="polite">
        {page.total === 1 ? "1 entry" : `${page.total.toLocaleString("en-GB")} entries`}
        {filtered ? " match these filters" : ""}
      </p>

      {page.items.length === 0 ? (
        <div className="empty-state">
          {filtered ? (
            <>
              <h2>No change matches these filters</h2>
              <p>
                <Link href={viewHref(path, query.kind ? { kind: query.kind } : {})}>Clear the filters</Link> to see every change of this kind.
              </p>
            </>
          ) : (
            <>
              <h2>Nothing of this kind</h2>
              <p>
                {release.added + release.removed + release.changed === 0
                  ? "This release has no changes: it is the list's first, or the same entries as the release before."
                  : "This release changed the list in other ways: see the other tabs."}
              </p>
            </>
          )}
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">
              {query.kind ? `${query.kind[0]!.toUpperCase()}${query.kind.slice(1)} entries` : "Added, removed and changed entries"}, by the list&apos;s id
            </caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Change</th>
                <th scope="col">Type</th>
                <th scope="col">Programs</th>
                <th scope="col">Countries</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((change) => (
                <tr key={change.sourceId}>
                  <td>
                    <Link href={`/lists/entries/${change.entryId}`} className="issue-link">
                      {change.name}
                    </Link>
                    <div className="muted small">id {change.sourceId}</div>
                  </td>
                  <td>
                    <span className={`badge change-${change.kind}`}>{change.kind}</span>
                    {change.fields.length > 0 && <div className="small">Fields: {change.fields.join(", ")}</div>}
                  </td>
                  <td>{TYPE_LABELS[change.type]}</td>
                  <td>{change.programs.join(", ") || "—"}</td>
                  <td>{change.countries.join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pager page={query.page} pageSize={page.pageSize} total={page.total} href={(n) => href({ page: n })} />
    </div>
  );
}

function FacetSelect({ name, label, any, values, selected, labels = {} }: {
  name: string;
  label: string;
  any: string;
  values: { value: string; count: number }[];
  selected: string | undefined;
  labels?: Record<string, string>;
}) {
  // A value in the address that no change has still shows, so the form says what is applied.
  const options = selected && !values.some((v) => v.value === selected) ? [...values, { value: selected, count: 0 }] : values;
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={selected ?? ""}>
        <option value="">{any}</option>
        {options.map(({ value, count }) => (
          <option key={value} value={value}>
            {labels[value] ?? value} ({count})
          </option>
        ))}
      </select>
    </label>
  );
}
