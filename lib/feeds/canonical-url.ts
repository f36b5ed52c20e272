// The same article reached from a newsletter, a feed and a social post differs only in tracking parameters:
// without them its address says which article it is, so the inbox can hold it once.

/** Query parameters that say how a reader arrived, never which page: `utm_*` and these. */
const TRACKING = new Set(["fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_enc_id", "oly_anon_id", "vero_id", "_ga", "_gl", "ref_src"]);

const isTracking = (name: string) => name.toLowerCase().startsWith("utm_") || TRACKING.has(name.toLowerCase());

/**
 * The item's address without tracking parameters or fragment, or null when it is not an http(s) address.
 * Host case and default ports are normalised by URL itself; the other parameters keep their order.
 */
export function canonicalUrl(value: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  for (const name of [...url.searchParams.keys()]) if (isTracking(name)) url.searchParams.delete(name);
  // URLSearchParams writes "?" back even when none is left.
  if (![...url.searchParams.keys()].length) url.search = "";
  return url.toString();
}
