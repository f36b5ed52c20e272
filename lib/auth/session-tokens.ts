import "server-only";

/**
 * better-auth puts the raw session token in the JSON of sign-in, get-session, list-sessions and
 * change-password. The session lives in an HttpOnly cookie so that scripts cannot read it; handing the
 * same secret to JavaScript in a body would undo that, and the app's own client never needs it.
 */
export async function withoutSessionTokens(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
  }
  return new Response(JSON.stringify(stripTokens(data)), { status: response.status, statusText: response.statusText, headers });
}

/** Every `token` field, wherever better-auth nests it (`session.token`, each listed session's). */
function stripTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTokens);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "token").map(([key, inner]) => [key, stripTokens(inner)]));
}
