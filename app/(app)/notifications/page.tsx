import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/components/filter-select";
import { requireActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { listNotifications } from "@/lib/services/notifications";
import { formatDateTime } from "@/lib/ui/format";
import { presentParams, viewHref } from "@/lib/ui/url";
import { notificationQuerySchema, type NotificationQuery } from "@/lib/validation/notifications";
import type { NotificationKind } from "@/lib/notifications/recipients";
import { MarkAllRead, NotificationActions } from "./notification-actions";

export const metadata: Metadata = { title: "Notifications" };

const kindLabels: Record<NotificationKind, string> = {
  evidence: "New evidence",
  status: "Status moves",
  likelihood: "Likelihood moves",
  designation: "Designation hits",
  mention: "Mentions",
  new_issue: "New issues in a category",
  delivery_failed: "Failed webhook deliveries",
  review_due: "Reviews due",
  briefing: "Scheduled briefings",
  inbox_item: "Relevant inbox items",
};

type SearchParams = Record<string, string | string[] | undefined>;

// What happened to what you follow, newest first; the filters are a plain GET form, the view is in the URL.
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = presentParams(await searchParams);
  const parsed = notificationQuerySchema.safeParse(raw);
  const query: NotificationQuery = parsed.success ? parsed.data : notificationQuerySchema.parse({});
  // A stale or foreign cursor in the URL starts again from the newest, as invalid filters are ignored.
  const page = await listNotifications(actor, query).catch((error: unknown) => {
    if (error instanceof AppError && query.cursor) return listNotifications(actor, { ...query, cursor: undefined });
    throw error;
  });
  const filtered = Boolean(query.unread || query.kind);
  return (
    <>
      <div className="page-title">
        <h1>Notifications</h1>
        <div className="filter-actions">
          <Link href="/notifications/settings" className="button">
            Settings
          </Link>
          <MarkAllRead disabled={page.unread === 0} />
        </div>
      </div>
      <form method="get" action="/notifications" className="filters" role="search" aria-label="Filter notifications">
        <FilterSelect label="Kind" name="kind" value={query.kind} any="Any kind" choices={Object.entries(kindLabels)} />
        <label className="checkbox">
          <input type="checkbox" name="unread" value="true" defaultChecked={query.unread === true} />
          <span>Unread only</span>
        </label>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          {filtered && (
            <Link href="/notifications" className="button">
              Clear
            </Link>
          )}
        </div>
      </form>
      {!parsed.success && (
        <p role="alert" className="error-message">
          Some filters were not valid and were ignored.
        </p>
      )}
      <p className="muted" aria-live="polite">
        {page.unread === 0 ? "Nothing unread." : `${page.unread} unread.`}
      </p>
      {page.items.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? "No notifications match these filters." : "No notifications yet. Follow an issue or an entity to hear of its changes."}</p>
        </div>
      ) : (
        <ol className="notification-list">
          {page.items.map((n) => (
            <li key={n.id} className={`card${n.readAt ? "" : " unread"}`}>
              <p>
                {!n.readAt && <span className="visually-hidden">Unread: </span>}
                <Link href={n.link}>
                  <strong>{n.title}</strong>
                </Link>
              </p>
              {n.summary && <p>{n.summary}</p>}
              <p className="muted small">
                {kindLabels[n.kind]} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </p>
              <NotificationActions id={n.id} title={n.title} read={n.readAt !== null} subject={n.subjectType === "webhook" ? null : { type: n.subjectType, id: n.subjectId }} />
            </li>
          ))}
        </ol>
      )}
      {page.nextCursor && (
        <nav aria-label="Pages" className="pager">
          <Link href={viewHref("/notifications", raw, { cursor: page.nextCursor })}>Older notifications →</Link>
        </nav>
      )}
    </>
  );
}
