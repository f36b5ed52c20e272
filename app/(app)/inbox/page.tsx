import type { Metadata } from "next";
import Link from "next/link";
import { ChoiceOptions, FilterSelect } from "@/app/components/filter-select";
import { CategoryOptions } from "@/app/components/issue-options";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { listCategories } from "@/lib/services/categories";
import { listFeeds } from "@/lib/services/feeds/feeds";
import { listInbox, UNREAD_COUNT_CAP } from "@/lib/services/inbox";
import { firstParam, presentParams, viewHref } from "@/lib/ui/url";
import { inboxQuerySchema, type InboxQuery } from "@/lib/validation/inbox";
import { InboxList } from "./inbox-list";

export const metadata: Metadata = { title: "Inbox" };

const stateLabels: Record<InboxQuery["state"], string> = { new: "New", snoozed: "Snoozed", dismissed: "Dismissed", accepted: "Accepted" };
const relevanceChoices = [
  ["0.75", "Highly relevant (75 % and more)"],
  ["0.5", "Related (50 % and more)"],
  ["0.25", "25 % and more"],
  ["0.1", "10 % and more"],
] as const;

type SearchParams = Record<string, string | string[] | undefined>;

// What the team's feeds brought in, newest or most relevant first. The filters are a plain GET form, so the view is
// in the URL; triage (keys and buttons) is the client list's.
export default async function InboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = presentParams(await searchParams);
  const parsed = inboxQuerySchema.safeParse(raw);
  const query: InboxQuery = parsed.success ? parsed.data : inboxQuerySchema.parse({});
  // A stale cursor in the URL starts again from the top, as invalid filters are ignored.
  const [page, feeds, categories] = await Promise.all([
    listInbox(actor, query).catch((error: unknown) => {
      if (error instanceof AppError && query.cursor) return listInbox(actor, { ...query, cursor: undefined });
      throw error;
    }),
    listFeeds(actor),
    listCategories(actor),
  ]);
  const filtered = Boolean(query.feedId || query.issueId || query.category || query.relevance !== undefined || query.from || query.to || query.state !== "new");
  const issueTitle = query.issueId ? page.items.flatMap((item) => item.issues).find((issue) => issue.id === query.issueId)?.title : undefined;
  return (
    <>
      <div className="page-title">
        <h1>Inbox</h1>
        <Link href="/sources">Feeds on the Sources page</Link>
      </div>
      <form method="get" action="/inbox" className="filters" role="search" aria-label="Filter the inbox">
        <label className="field narrow-date">
          <span>Show</span>
          <select name="state" defaultValue={query.state}>
            <ChoiceOptions choices={Object.entries(stateLabels)} />
          </select>
        </label>
        <label className="field narrow-date">
          <span>Order</span>
          <select name="sort" defaultValue={query.sort}>
            <option value="newest">Newest first</option>
            <option value="relevance">Most relevant first</option>
          </select>
        </label>
        <FilterSelect label="Feed" name="feedId" value={query.feedId} any="Any feed" choices={feeds.map((feed) => [feed.id, `${feed.sourceName}: ${feed.title}`])} />
        <FilterSelect label="Category" name="category" value={query.category} any="Any category">
          <CategoryOptions categories={categories} />
        </FilterSelect>
        <FilterSelect label="Relevance" name="relevance" value={query.relevance === undefined ? undefined : firstParam(raw, "relevance")} any="Any" choices={relevanceChoices} />
        <label className="field narrow-date">
          <span>Published from</span>
          <input type="date" name="from" defaultValue={query.from ? firstParam(raw, "from") : ""} />
        </label>
        <label className="field narrow-date">
          <span>Published to</span>
          <input type="date" name="to" defaultValue={query.to ? firstParam(raw, "to") : ""} />
        </label>
        {query.issueId && <input type="hidden" name="issueId" value={query.issueId} />}
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          {filtered && (
            <Link href="/inbox" className="button">
              Clear
            </Link>
          )}
        </div>
      </form>
      {query.issueId && (
        <p>
          Only items about {issueTitle ? <strong>{issueTitle}</strong> : "the chosen issue"}.{" "}
          <Link href={viewHref("/inbox", raw, { issueId: undefined, cursor: undefined })}>Show items about any issue</Link>
        </p>
      )}
      {!parsed.success && (
        <p role="alert" className="error-message">
          Some filters were not valid and were ignored.
        </p>
      )}
      <p className="muted">
        {page.unread === 0
          ? "No new items."
          : page.unread >= UNREAD_COUNT_CAP
            ? `${UNREAD_COUNT_CAP.toLocaleString("en")} or more new items.`
            : `${page.unread.toLocaleString("en")} new ${page.unread === 1 ? "item" : "items"}.`}
      </p>
      {page.items.length === 0 ? (
        <div className="empty-state">
          <p>
            {filtered
              ? "No items match these filters."
              : feeds.length === 0
                ? "Nothing yet: add a feed to a source and its new items arrive here."
                : "You are up to date: no new items."}
          </p>
          {feeds.length === 0 && (
            <p>
              <Link href="/sources">Add a feed on the Sources page</Link>
            </p>
          )}
        </div>
      ) : (
        <InboxList
          key={JSON.stringify(raw)}
          items={page.items}
          canTriage={hasRole(actor.role, "analyst")}
          view={raw}
        />
      )}
      {page.nextCursor && (
        <nav aria-label="Pages" className="pager">
          <Link href={viewHref("/inbox", raw, { cursor: page.nextCursor })}>More items →</Link>
        </nav>
      )}
    </>
  );
}
