// GET /api/notifications/unsubscribe?token=… – a page asking to confirm (a link scanner's GET changes nothing)
// POST /api/notifications/unsubscribe?token=… – stop the email of the kinds the token names (RFC 8058 one-click)
import { route } from "@/lib/api/route";
import { escapeHtml } from "@/lib/notifications/email-content";
import { notificationKindLabels } from "@/lib/notifications/email-preferences";
import { readUnsubscribeToken, unsubscribe } from "@/lib/services/email/unsubscribe";
import { unsubscribeQuerySchema } from "@/lib/validation/email";

// No session needed: the signed token is the credential. Answers are small HTML pages for the person who clicked.

function page(status: number, title: string, body: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)} – Sanctions Watch</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}

const kindList = (kinds: Array<keyof typeof notificationKindLabels>) => `<ul>${kinds.map((k) => `<li>${escapeHtml(notificationKindLabels[k])}</li>`).join("")}</ul>`;
const invalid = () => page(404, "This link does not work", "<p>The unsubscribe link is incomplete or not genuine. Change your email settings in Sanctions Watch under Notifications → Settings.</p>");

export const GET = route({ role: "public", query: unsubscribeQuerySchema }, async ({ query }) => {
  const claims = await readUnsubscribeToken(query.token);
  if (!claims) return invalid();
  const action = `/api/notifications/unsubscribe?token=${encodeURIComponent(query.token!)}`;
  return page(
    200,
    "Stop these emails?",
    `<p>You will no longer get email for:</p>${kindList(claims.kinds)}<p>You still see them in the app.</p>` +
      `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Stop these emails</button></form>`,
  );
});

export const POST = route({ role: "public", crossSite: true, query: unsubscribeQuerySchema }, async ({ query }) => {
  const claims = await unsubscribe(query.token);
  if (!claims) return invalid();
  return page(200, "Unsubscribed", `<p>You will no longer get email for:</p>${kindList(claims.kinds)}<p>Change this any time in Sanctions Watch under Notifications → Settings.</p>`);
});
