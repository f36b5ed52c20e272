import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/components/filter-select";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { listEntities } from "@/lib/services/entities/entities";
import { entityTypeLabels } from "@/lib/ui/entity-labels";
import { listEntitiesQuerySchema, type ListEntitiesQuery } from "@/lib/validation/entities";
import { NewEntityForm } from "./new-entity-form";
import { DesignationList } from "./designation-list";
import { EntityTypeOptions } from "./entity-type-options";

export const metadata: Metadata = { title: "Entities" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The address of this list with the same filters on another page. */
function pageHref(query: ListEntitiesQuery, page: number) {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.type) params.set("type", query.type);
  if (query.hasHits !== undefined) params.set("hasHits", String(query.hasHits));
  if (query.issue) params.set("issue", query.issue);
  params.set("page", String(page));
  return `/entities?${params}`;
}

// The companies, people, vessels and aircraft the team tracks: each screened against the sanctions lists, with
// the hits waiting for review and the designations confirmed.
export default async function EntitiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const parsed = listEntitiesQuerySchema.safeParse(Object.fromEntries(["q", "type", "hasHits", "issue", "page"].filter((k) => typeof raw[k] === "string" && raw[k]).map((k) => [k, raw[k]])));
  const query = parsed.success ? parsed.data : listEntitiesQuerySchema.parse({});
  const page = await listEntities(actor, query);
  const canEdit = hasRole(actor.role, "analyst");
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const filtered = Boolean(query.q || query.type || query.hasHits !== undefined || query.issue);
  // An issue's actors (the issue page links here): its title comes with any of its entities.
  const issueTitle = query.issue ? page.items.flatMap((entity) => entity.issues).find((issue) => issue.id === query.issue)?.title : undefined;

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Entities</h1>
      </div>
      <p className="muted">Companies, banks, people, vessels and aircraft your team tracks, screened against every sanctions list when added and after each new release.</p>

      {query.issue && (
        <p className="notice" role="status">
          Among the actors of {issueTitle ? <Link href={`/issues/${query.issue}`}>{issueTitle}</Link> : "one issue"}.{" "}
          <Link href="/entities">Show every entity</Link>
        </p>
      )}

      <form method="get" action="/entities" className="filters" role="search" aria-label="Filter the entities">
        {query.issue && <input type="hidden" name="issue" value={query.issue} />}
        <label className="field">
          Name or alias
          <input type="search" name="q" defaultValue={query.q ?? ""} />
        </label>
        <FilterSelect label="Type" name="type" value={query.type} any="Any type">
          <EntityTypeOptions />
        </FilterSelect>
        <FilterSelect
          label="Hits"
          name="hasHits"
          value={query.hasHits === undefined ? undefined : String(query.hasHits)}
          any="Any"
          choices={[
            ["true", "Waiting for review"],
            ["false", "None waiting"],
          ]}
        />
        <div className="filter-actions">
          <button type="submit" className="button">
            Filter
          </button>
          {filtered && <Link href="/entities">Clear</Link>}
        </div>
      </form>

      {page.items.length === 0 ? (
        <div className="empty-state">
          <h2>{filtered ? "No entity matches these filters" : "No entities tracked yet"}</h2>
          <p>
            {filtered
              ? "Clear the filters to see every entity."
              : canEdit
                ? "Add one below, track an issue's actors from the issue, or the names a document mentions."
                : "An analyst of your team can add them; they will be listed here."}
          </p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Tracked entities by name ({page.total})</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Country</th>
                <th scope="col">Issues</th>
                <th scope="col">Hits to review</th>
                <th scope="col">Designations</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((entity) => (
                <tr key={entity.id}>
                  <td>
                    <Link href={`/entities/${entity.id}`} className="issue-link">
                      {entity.name}
                    </Link>
                    {entity.aliases.length > 0 && <div className="muted small">also {entity.aliases.join(", ")}</div>}
                  </td>
                  <td>{entityTypeLabels[entity.type]}</td>
                  <td>{entity.country ?? <span className="muted">—</span>}</td>
                  <td>
                    {entity.issues.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <ul className="inline-list">
                        {entity.issues.map((issue) => (
                          <li key={issue.id}>
                            <Link href={`/issues/${issue.id}`}>{issue.title}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{entity.reviewCount > 0 ? <span className="badge hit-review">{entity.reviewCount} to review</span> : <span className="muted">0</span>}</td>
                  <td>
                    {entity.designations.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <DesignationList designations={entity.designations} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pages > 1 && (
        <nav aria-label="Pages" className="pager">
          {query.page > 1 ? <Link href={pageHref(query, query.page - 1)}>← Previous</Link> : <span />}
          <span>
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? <Link href={pageHref(query, query.page + 1)}>Next →</Link> : <span />}
        </nav>
      )}

      {canEdit && <NewEntityForm />}
    </div>
  );
}
