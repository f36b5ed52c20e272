/**
 * Where to go after signing in: `next` from the sign-in link, only if it stays on the app's origin.
 * Checking the text ("starts with one slash") is not enough: browsers read `/\evil.example` and
 * `/<tab>/evil.example` as `//evil.example`, another site. So `next` is resolved the way the browser
 * will resolve it, against the app's origin, and kept only when the origin is unchanged; a path that
 * still starts with `//` after resolving (`/.//evil.example`) would leave the site once used as a link.
 */
export function safeDestination(next: string | null | undefined, origin: string): string {
  if (!next) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
