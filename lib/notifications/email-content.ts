import { BRIEFING_FORMAT_NAMES, briefingFormatInfo } from "@/lib/briefings/export/formats";
import { emailDeliveryLabels, notificationKindLabels, type DigestCadence } from "./email-preferences";
import type { NotificationKind } from "./recipients";

// The emails of notifications (issue 15), pure: subject, text part and HTML part, every link absolute (built from
// APP_URL), every value from the database escaped in the HTML. Sending is lib/services/email.

export type EmailNotification = { id: string; kind: NotificationKind; title: string; summary: string; link: string; createdAt: Date };

export type EmailContent = {
  subject: string;
  text: string;
  html: string;
  /** Message-ID (with angle brackets) and the other headers: receivers deduplicate on them (lib/services/email/README.md). */
  headers: Record<string, string>;
};

type Links = { appUrl: string; unsubscribeUrl: string; teamName: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text into HTML: the five characters that could open markup or leave an attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A link stored as a path in the app ("/issues/…") made absolute; anything else stays on the app's origin. */
export function absoluteLink(appUrl: string, link: string): string {
  const path = link.startsWith("/") && !link.startsWith("//") ? link : `/${link.replace(/^[/\\]+/, "")}`;
  return `${appUrl}${path}`;
}

/** A scheduled briefing's download links (absolute), one per export format; none for other notifications. */
export function downloadLinks(appUrl: string, n: Pick<EmailNotification, "kind" | "link">): { label: string; url: string }[] {
  const id = n.kind === "briefing" ? /^\/briefings\/([^/?#]+)$/.exec(n.link)?.[1] : undefined;
  if (!id) return [];
  return BRIEFING_FORMAT_NAMES.map((format) => ({ label: briefingFormatInfo[format].label, url: `${appUrl}/api/briefings/${id}/export?format=${format}` }));
}

/** One line of a header: no line breaks (a header injection), no longer than needed. */
const headerLine = (value: string) => value.replace(/[\r\n]+/g, " ").slice(0, 200);

const host = (appUrl: string) => new URL(appUrl).hostname || "localhost";

/** The Message-ID of a notification's email: the same on every retry, so a receiver sees a duplicate as one. */
export const notificationMessageId = (appUrl: string, notificationId: string) => `<notification.${notificationId}@${host(appUrl)}>`;
/** A digest's: its person, team and period, and a hash of its notifications' ids (the same digest, the same id). */
export const digestMessageId = (appUrl: string, digestKey: string, ids: string[]) =>
  `<digest.${digestKey.replace(/[^A-Za-z0-9.-]/g, ".")}.${fnv1a(ids.join(" "))}@${host(appUrl)}>`;

/** 32-bit FNV-1a, hex: short, stable, and enough to tell two digests of one period apart. */
function fnv1a(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

function unsubscribeHeaders(unsubscribeUrl: string) {
  // RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to the URL, without the person's session.
  return { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

function layout(bodyHtml: string, footerHtml: string) {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">${bodyHtml}<hr><p style="font-size:12px;color:#57606a">${footerHtml}</p></body></html>`;
}

const downloadsHtml = (downloads: { label: string; url: string }[]) =>
  downloads.length ? `<p>Download: ${downloads.map((d) => `<a href="${escapeHtml(d.url)}">${escapeHtml(d.label)}</a>`).join(" · ")}</p>` : "";

/** The email of one notification, sent at once. */
export function notificationEmail(n: EmailNotification, links: Links): EmailContent {
  const url = absoluteLink(links.appUrl, n.link);
  const settingsUrl = `${links.appUrl}/notifications/settings`;
  const kind = notificationKindLabels[n.kind];
  const subject = headerLine(`[Sanctions Watch] ${n.title}`);
  const downloads = downloadLinks(links.appUrl, n);
  const text = [
    n.title,
    "",
    n.summary,
    "",
    `Open it: ${url}`,
    ...(downloads.length ? ["", "Download:", ...downloads.map((d) => `- ${d.label}: ${d.url}`)] : []),
    "",
    "--",
    `Sanctions Watch, team ${links.teamName}. You get this email for: ${kind}.`,
    `Email settings: ${settingsUrl}`,
    `Stop these emails: ${links.unsubscribeUrl}`,
  ].join("\n");
  const html = layout(
    `<h1 style="font-size:18px">${escapeHtml(n.title)}</h1><p>${escapeHtml(n.summary)}</p><p><a href="${escapeHtml(url)}">Open it in Sanctions Watch</a></p>${downloadsHtml(downloads)}`,
    `Team ${escapeHtml(links.teamName)}. You get this email for: ${escapeHtml(kind)}. <a href="${escapeHtml(settingsUrl)}">Email settings</a> · <a href="${escapeHtml(links.unsubscribeUrl)}">Stop these emails</a>`,
  );
  return {
    subject,
    text,
    html,
    headers: { "Message-ID": notificationMessageId(links.appUrl, n.id), "X-SW-Notification-Id": n.id, ...unsubscribeHeaders(links.unsubscribeUrl) },
  };
}

/** The email of a digest: a person's notifications of one team over one day or week, oldest first. */
export function digestEmail(digest: { key: string; cadence: DigestCadence; firstDay: string; items: EmailNotification[] }, links: Links): EmailContent {
  const settingsUrl = `${links.appUrl}/notifications/settings`;
  const period = digest.cadence === "daily" ? `of ${digest.firstDay}` : `of the week from ${digest.firstDay}`;
  const count = digest.items.length === 1 ? "1 notification" : `${digest.items.length} notifications`;
  const subject = headerLine(`[Sanctions Watch] ${emailDeliveryLabels[digest.cadence]} ${period}: ${count}`);
  const lines = digest.items.flatMap((n) => [`- ${n.title}`, `  ${n.summary}`, `  ${absoluteLink(links.appUrl, n.link)}`, ...downloadLinks(links.appUrl, n).map((d) => `  ${d.label}: ${d.url}`), ""]);
  const text = [
    `${count} in team ${links.teamName}, ${period}:`,
    "",
    ...lines,
    "--",
    `Email settings: ${settingsUrl}`,
    `Stop these digests: ${links.unsubscribeUrl}`,
  ].join("\n");
  const items = digest.items
    .map((n) => `<li><a href="${escapeHtml(absoluteLink(links.appUrl, n.link))}">${escapeHtml(n.title)}</a><br>${escapeHtml(n.summary)}${downloadsHtml(downloadLinks(links.appUrl, n))}</li>`)
    .join("");
  const html = layout(
    `<h1 style="font-size:18px">${escapeHtml(count)} in team ${escapeHtml(links.teamName)}, ${escapeHtml(period)}</h1><ul>${items}</ul>`,
    `<a href="${escapeHtml(settingsUrl)}">Email settings</a> · <a href="${escapeHtml(links.unsubscribeUrl)}">Stop these digests</a>`,
  );
  return {
    subject,
    text,
    html,
    headers: { "Message-ID": digestMessageId(links.appUrl, digest.key, digest.items.map((n) => n.id)), "X-SW-Notification-Ids": digest.items.map((n) => n.id).join(" "), ...unsubscribeHeaders(links.unsubscribeUrl) },
  };
}
