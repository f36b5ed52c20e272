import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { listFeeds } from "@/lib/services/feeds/feeds";
import { listSources } from "@/lib/services/sources";
import { formatDateTime } from "@/lib/ui/format";
import type { FeedView } from "@/lib/validation/feeds";
import { AddFeedForm } from "./add-feed-form";
import { FeedActions } from "./feed-actions";
import { OpmlImportForm } from "./opml-import";

export const metadata: Metadata = { title: "Sources" };

function Health({ feed }: { feed: FeedView }) {
  const failing = feed.consecutiveFailures > 0;
  return (
    <dl className="feed-health">
      <dt>Last success</dt>
      <dd>{feed.lastSuccessAt ? formatDateTime(feed.lastSuccessAt) : "Never yet"}</dd>
      {feed.lastErrorAt && (
        <>
          <dt>{failing ? `Failing (${feed.consecutiveFailures} in a row)` : "Last error"}</dt>
          <dd>
            {formatDateTime(feed.lastErrorAt)}: {feed.lastError}
          </dd>
        </>
      )}
      <dt>Items seen</dt>
      <dd>
        {feed.itemsSeen.toLocaleString("en")}
        {feed.lastPollNote && <span className="muted small"> ({feed.lastPollNote})</span>}
      </dd>
      <dt>Next poll</dt>
      <dd>{feed.nextPollAt ? formatDateTime(feed.nextPollAt) : "Disabled"}</dd>
    </dl>
  );
}

// The team's sources and the feeds they are followed by: each feed's health (last success, last error and why,
// items seen, next poll), and for analysts adding, polling, pausing and deleting feeds.
export default async function SourcesPage() {
  const actor = await requireActor();
  const [sources, feeds] = await Promise.all([listSources(actor), listFeeds(actor)]);
  const canEdit = hasRole(actor.role, "analyst");

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Sources</h1>
      </div>
      <p className="muted">Where the team’s evidence comes from, and the feeds that bring new items from them into the inbox.</p>

      {sources.length === 0 ? (
        <div className="empty-state">
          <h2>No sources yet</h2>
          <p>{canEdit ? <>Add one when you store a document in the <Link href="/library/new">evidence library</Link>, then follow its feeds here, or import a feed reader’s OPML file below.</> : "An analyst adds them with the team’s documents."}</p>
        </div>
      ) : (
        sources.map((source) => {
          const own = feeds.filter((feed) => feed.sourceId === source.id);
          return (
            <section key={source.id} className="card stack" aria-labelledby={`source-${source.id}`}>
              <h2 id={`source-${source.id}`}>
                {source.name} <span className="badge grade">{source.reliability}</span>
              </h2>
              <p className="muted small">
                {source.documentCount.toLocaleString("en")} document{source.documentCount === 1 ? "" : "s"}
                {source.url && (
                  <>
                    {" · "}
                    <a href={source.url} rel="noopener noreferrer">
                      {source.url}
                    </a>
                  </>
                )}
              </p>
              {own.length === 0 ? (
                <p className="muted">No feeds.</p>
              ) : (
                <div className="table-scroll">
                  <table className="table">
                    <caption className="visually-hidden">Feeds of {source.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Feed</th>
                        <th scope="col">Health</th>
                        {canEdit && (
                          <th scope="col">
                            <span className="visually-hidden">Actions</span>
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {own.map((feed) => (
                        <tr key={feed.id}>
                          <td>
                            <strong>{feed.title}</strong>
                            {!feed.enabled && <span className="badge"> disabled</span>}
                            <div className="muted small">{feed.url}</div>
                            <div className="muted small">every {feed.intervalMinutes} minutes</div>
                          </td>
                          <td>
                            <Health feed={feed} />
                          </td>
                          {canEdit && (
                            <td>
                              <FeedActions feed={feed} />
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })
      )}

      {canEdit && sources.length > 0 && <AddFeedForm sources={sources.map(({ id, name }) => ({ id, name }))} />}
      {canEdit ? (
        <OpmlImportForm />
      ) : (
        feeds.length > 0 && (
          <p>
            <a href="/api/feeds/opml" download="feeds.opml">
              Download the team’s feeds as OPML
            </a>
          </p>
        )
      )}
    </div>
  );
}
