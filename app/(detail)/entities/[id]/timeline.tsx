import { CommentEvent } from "@/app/components/comments/comment-event";
import { formatDateTime } from "@/lib/ui/format";
import { formatScore } from "@/lib/ui/entity-labels";
import type { HistoryEvent } from "@/lib/validation/issues";

type Values = Record<string, unknown>;
const asValues = (value: unknown): Values => (value && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {});
const decisionLabels: Record<string, string> = { confirmed: "confirmed", false_positive: "marked a false positive" };

/** One event in words: what happened to the entity or one of its hits. */
function describe(event: HistoryEvent): string {
  const after = asValues(event.after);
  const hit = `${String(after.name ?? "an entry")} (${String(after.list ?? "list")} ${String(after.sourceId ?? "")})`.replace(" )", ")");
  switch (event.action) {
    case "created":
      return `Started tracking ${String(after.name ?? "the entity")}`;
    case "updated":
      return `Changed ${Object.keys(after).filter((k) => k !== "version").join(", ")}`;
    case "merged":
      return `Merged ${String(asValues(after.from).name ?? "another entity")} into this one`;
    case "merged_into":
      return `Merged into ${String(asValues(after.into).name ?? "another entity")}`;
    case "deleted":
      return "Stopped tracking it";
    case "hit_found":
      return `New hit: ${hit}, ${formatScore(Number(after.score ?? 0))}, ${String(after.level ?? "review")}`;
    case "hit_reopened":
      return `Back to review: ${hit}: the entry changed on the list`;
    case "hit_gone":
      return `No longer found: entry ${String(after.sourceId ?? "")}`;
    case "hit_decided":
      return after.decision ? `Hit on ${String(after.name ?? "an entry")} ${decisionLabels[String(after.decision)] ?? String(after.decision)}` : `Decision on ${String(after.name ?? "an entry")} taken back`;
    default:
      return event.action;
  }
}

/** The entity's history, newest first: who did what, when (UTC), and what was said about it. */
export function EntityTimeline({ events }: { events: HistoryEvent[] }) {
  return (
    <section aria-labelledby="timeline-heading" className="stack">
      <h2 id="timeline-heading">Timeline</h2>
      {events.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline" reversed>
          {[...events].reverse().map((event) => {
            const note = asValues(event.after).note;
            return (
              <li key={event.id} className="timeline-event">
                <p className="small muted">
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time> · <span className="timeline-actor">{event.actor}</span>
                </p>
                {event.entityType === "comment" ? (
                  <CommentEvent action={event.action} before={asValues(event.before)} after={asValues(event.after)} />
                ) : (
                  <>
                    <p>{describe(event)}</p>
                    {typeof note === "string" && note && <p className="rationale">{note}</p>}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
