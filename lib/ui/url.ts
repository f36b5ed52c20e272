/** Search params as a page receives them, without the empty ones. */
export type RawParams = Record<string, string | string[]>;

export function presentParams(params: Record<string, string | string[] | undefined>): RawParams {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")) as RawParams;
}

/** A parameter's first value, or "" (a form field's default). */
export const firstParam = (params: RawParams, key: string): string => {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

/**
 * The address of a list page with its current view changed: `viewHref("/watchlist", raw, { page: 2 })`.
 * Views live in the URL so they can be bookmarked and shared; `undefined` removes a parameter.
 */
export function viewHref(path: string, current: RawParams, change: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...change })) {
    if (value === undefined || value === "") continue;
    for (const v of Array.isArray(value) ? value : [String(value)]) params.append(key, v);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Only web addresses become links: a stored `javascript:` URL must never run. */
export const safeUrl = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);
