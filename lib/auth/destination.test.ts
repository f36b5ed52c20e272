import { describe, expect, it } from "vitest";
import { safeDestination } from "./destination";

const APP = "http://localhost:3000";

describe("safeDestination", () => {
  it.each([
    // What the page gets from `?next=/%5Cevil.example/phish` and `?next=/%09/evil`: the query decoded.
    new URLSearchParams("next=/%5Cevil.example/phish").get("next"),
    new URLSearchParams("next=/%09/evil").get("next"),
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "https://evil.example/phish",
    "https:evil.example",
    "http://localhost:3000@evil.example/",
    "https://localhost:3000/",
    "http://localhost:3001/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://[::1",
  ])("sends %j home instead of elsewhere", (next) => {
    const destination = safeDestination(next, APP);
    expect(destination).toBe("/");
    expect(new URL(destination, APP).origin).toBe(APP);
  });

  it.each([
    ["/issues/abc?tab=evidence#history", "/issues/abc?tab=evidence#history"],
    ["/invite/some-token", "/invite/some-token"],
    ["http://localhost:3000/watchlist?q=chips", "/watchlist?q=chips"],
    ["watchlist", "/watchlist"],
    ["/a/../watchlist", "/watchlist"],
    // Still encoded, a backslash is only a character of a path on this site.
    ["/%5Cevil.example/phish", "/%5Cevil.example/phish"],
    [undefined, "/"],
    ["", "/"],
  ])("keeps %j on the site as %j", (next, expected) => {
    expect(safeDestination(next, APP)).toBe(expected);
  });

  it("judges by the app's origin, with or without a path in it", () => {
    expect(safeDestination("https://watch.example/issues", "https://watch.example")).toBe("/issues");
    expect(safeDestination("https://watch.example.evil/issues", "https://watch.example/")).toBe("/");
  });
});
