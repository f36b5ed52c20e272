"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiMessage, Field, FormError, SubmitButton } from "@/app/components/forms";
import { inboxKeys, inboxRequests } from "@/lib/query/inbox";
import { formatScore } from "@/lib/ui/entity-labels";
import { formatDate } from "@/lib/ui/format";
import { safeUrl, viewHref, type RawParams } from "@/lib/ui/url";
import type { InboxItemView } from "@/lib/validation/inbox";

const acceptHref = (id: string) => `/library/new?inboxItem=${encodeURIComponent(id)}`;

/** Keys typed into a text field are the field's, not shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit"].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

const relevanceText = (item: InboxItemView) =>
  item.relevance === null ? "not analysed" : `${formatScore(item.relevance)}, ${item.related ? "related" : "not related"}`;

/**
 * The inbox's items with their triage. Keys: j and k move between items, a accepts (the review form opens
 * prefilled), d dismisses, o opens the item's page. Handled items leave the list at once; the server page is
 * refreshed behind them.
 */
export function InboxList({ items, canTriage, view }: { items: InboxItemView[]; canTriage: boolean; view: RawParams }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [bulkReason, setBulkReason] = useState("");
  const rows = useRef(new Map<string, HTMLLIElement>());
  const visible = items.filter((item) => !gone.has(item.id));
  const at = Math.min(current, visible.length - 1);
  // Moves focus only after a key or an action, never on the first render.
  const focusNext = useRef(false);

  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    const item = visible[at];
    if (item) rows.current.get(item.id)?.focus();
    else document.getElementById("inbox-status")?.focus();
  });

  // Focusing a row makes it the current one (its onFocus).
  function moveTo(index: number) {
    const item = visible[Math.max(0, Math.min(index, visible.length - 1))];
    if (item) rows.current.get(item.id)?.focus();
  }

  async function triage(ids: string[], action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      focusNext.current = true;
      setGone((was) => new Set([...was, ...ids]));
      setSelected((was) => new Set([...was].filter((id) => !ids.includes(id))));
      setStatus(done);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      router.refresh();
    } catch (caught) {
      setError(apiMessage(caught, "Triage needs the analyst role."));
    } finally {
      setBusy(false);
    }
  }

  const dismiss = (item: InboxItemView, reason?: string) => triage([item.id], () => inboxRequests.dismiss(item.id, reason), `Dismissed “${item.title}”.`);
  const snooze = (item: InboxItemView, until: string) =>
    triage([item.id], () => inboxRequests.snooze(item.id, until), `Snoozed “${item.title}” until ${formatDate(until)}.`);
  const dismissSelected = () => {
    const ids = visible.filter((item) => selected.has(item.id)).map((item) => item.id);
    return triage(ids, () => inboxRequests.dismissMany({ ids, reason: bulkReason.trim() || undefined }), `Dismissed ${ids.length} ${ids.length === 1 ? "item" : "items"}.`);
  };

  // The latest handlers for the one document listener (it is added once).
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  function handleKey(event: KeyboardEvent) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
    const item = visible[at];
    const key = event.key;
    // The first j or k goes to the current item; the next ones move.
    const inList = item !== undefined && document.activeElement === rows.current.get(item.id);
    if (key === "j" || key === "k") moveTo(inList ? at + (key === "j" ? 1 : -1) : at);
    else if (key === "o" && item && safeUrl(item.url)) window.open(item.url!, "_blank", "noopener,noreferrer");
    else if (key === "a" && item && canTriage && item.state !== "accepted") router.push(acceptHref(item.id));
    else if (key === "d" && item && canTriage && !busy && item.state !== "accepted" && item.state !== "dismissed") void dismiss(item);
    else return;
    event.preventDefault();
  }
  useEffect(() => {
    onKey.current = handleKey;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  const selectable = visible.filter((item) => item.state !== "accepted" && item.state !== "dismissed");
  const allSelected = selectable.length > 0 && selectable.every((item) => selected.has(item.id));
  const toggle = (id: string, on: boolean) => setSelected((was) => (on ? new Set([...was, id]) : new Set([...was].filter((x) => x !== id))));

  return (
    <div className="stack">
      <p className="keyboard-hint" id="inbox-keys">
        Keys: <kbd>j</kbd> next, <kbd>k</kbd> previous, {canTriage && (
          <>
            <kbd>a</kbd> accept into evidence, <kbd>d</kbd> dismiss,{" "}
          </>
        )}
        <kbd>o</kbd> open the item’s page.
      </p>
      <p id="inbox-status" role="status" tabIndex={-1} className="muted">
        {status}
      </p>
      <FormError>{error}</FormError>
      {canTriage && selectable.length > 0 && (
        <div className="inbox-bulk">
          <label className="checkbox">
            <input type="checkbox" checked={allSelected} onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((item) => item.id)) : new Set())} /> Select all
            shown
          </label>
          <Field label="Reason (optional)">{(control) => <input {...control} value={bulkReason} maxLength={500} onChange={(e) => setBulkReason(e.target.value)} />}</Field>
          <button type="button" className="button" disabled={busy || selected.size === 0} onClick={() => void dismissSelected()}>
            Dismiss selected ({selected.size})
          </button>
        </div>
      )}
      {visible.length === 0 ? (
        <div className="empty-state">
          <p>All done here. The next items arrive with the feeds’ next polls.</p>
        </div>
      ) : (
        <ol className="inbox-list" aria-describedby="inbox-keys">
          {visible.map((item, index) => (
            <li
              key={item.id}
              ref={(row) => {
                if (row) rows.current.set(item.id, row);
                else rows.current.delete(item.id);
              }}
              tabIndex={index === at ? 0 : -1}
              aria-labelledby={`inbox-title-${item.id}`}
              aria-current={index === at ? "true" : undefined}
              className={`card${index === at ? " current" : ""}`}
              onFocus={(e) => {
                if (e.target === e.currentTarget) setCurrent(index);
              }}
            >
              <InboxRow
                item={item}
                canTriage={canTriage}
                busy={busy}
                view={view}
                selected={selected.has(item.id)}
                onSelect={(on) => toggle(item.id, on)}
                onDismiss={(reason) => void dismiss(item, reason)}
                onSnooze={(until) => void snooze(item, until)}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function InboxRow({
  item,
  canTriage,
  busy,
  view,
  selected,
  onSelect,
  onDismiss,
  onSnooze,
}: {
  item: InboxItemView;
  canTriage: boolean;
  busy: boolean;
  view: RawParams;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDismiss: (reason?: string) => void;
  onSnooze: (until: string) => void;
}) {
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const url = safeUrl(item.url);
  const open = item.state !== "accepted" && item.state !== "dismissed";
  return (
    <>
      <div className="inbox-item-head">
        {canTriage && open && (
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select “${item.title}”`} />
        )}
        <h2 id={`inbox-title-${item.id}`} className="inbox-item-title">
          {url ? (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {item.title}
            </a>
          ) : (
            item.title
          )}
        </h2>
        <span className="inbox-relevance">Relevance {relevanceText(item)}</span>
      </div>
      <p className="muted small">
        {item.sourceName ? `${item.sourceName} · ${item.feedTitle}` : "Feed deleted"}
        {item.publishedAt && (
          <>
            {" "}
            · published <time dateTime={item.publishedAt}>{formatDate(item.publishedAt)}</time>
          </>
        )}
        {item.state === "snoozed" && item.snoozedUntil && ` · snoozed until ${formatDate(item.snoozedUntil)}`}
        {item.state === "dismissed" && ` · dismissed by ${item.decidedBy ?? "someone"}${item.dismissReason ? `: ${item.dismissReason}` : ""}`}
        {item.state === "accepted" && ` · accepted by ${item.decidedBy ?? "someone"}`}
      </p>
      {item.summary && <p className="inbox-summary">{item.summary}</p>}
      <p className="small">
        {item.issues.length === 0 ? (
          <span className="muted">Speaks to none of your issues.</span>
        ) : (
          <>
            Speaks to:{" "}
            {item.issues.map((issue, i) => (
              <span key={issue.id}>
                {i > 0 && ", "}
                <Link href={viewHref("/inbox", view, { issueId: issue.id, cursor: undefined })}>{issue.title}</Link>
              </span>
            ))}
          </>
        )}
      </p>
      {item.relevanceReasons.length > 0 && (
        <details className="inbox-why small">
          <summary>Why this relevance</summary>
          <ul className="finding-list">
            {item.relevanceReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="inbox-actions">
        {item.documentId && <Link href={`/library/${item.documentId}`}>Open the document</Link>}
        {canTriage && item.state !== "accepted" && (
          <Link href={acceptHref(item.id)} className="button small-button primary">
            Accept into evidence
          </Link>
        )}
        {canTriage && open && (
          <>
            <button type="button" className="button small-button" disabled={busy} onClick={() => onDismiss()}>
              Dismiss
            </button>
            <details className="inbox-more">
              <summary>Dismiss with a reason, or snooze</summary>
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  onDismiss(reason.trim() || undefined);
                }}
              >
                <Field label="Reason">{(control) => <input {...control} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}</Field>
                <SubmitButton pending={busy} className="button small-button">
                  Dismiss with this reason
                </SubmitButton>
              </form>
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (until) onSnooze(until);
                }}
              >
                <Field label="Snooze until">{(control) => <input {...control} type="date" required value={until} onChange={(e) => setUntil(e.target.value)} />}</Field>
                <SubmitButton pending={busy} disabled={!until} className="button small-button">
                  Snooze
                </SubmitButton>
              </form>
            </details>
          </>
        )}
      </div>
    </>
  );
}
