import { describe, expect, it } from "vitest";
import { refusal } from "./refusals";

// Issue 18, finding 9: requests Next.js answered with a 500, refused by the server first
// (reliability/slow-clients.spec.ts sends them to the production server).
describe("refusal", () => {
  it("refuses the methods a fetch Request cannot carry", () => {
    for (const method of ["TRACE", "trace", "CONNECT", "TRACK"]) expect(refusal(method, "/api/issues")?.code).toBe("bad_request");
  });

  it("refuses malformed percent-encoding in the path, not in the query", () => {
    expect(refusal("GET", "/api/issues/%E0%A4%A")?.code).toBe("bad_request");
    expect(refusal("GET", "/issues/%zz")?.code).toBe("bad_request");
    expect(refusal("GET", "/watchlist?q=%E0%A4%A")).toBeNull();
  });

  it("answers 404 for a NUL in the path, before any page looks it up", () => {
    expect(refusal("GET", "/issues/%00")?.code).toBe("not_found");
    expect(refusal("GET", "/api/issues/abc%00def")?.code).toBe("not_found");
  });

  it("serves everything else", () => {
    expect(refusal("GET", "/issues/01a23313-9f37-7481-a38e-7808efaf3274")).toBeNull();
    expect(refusal("POST", "/api/auth/sign-in/email")).toBeNull();
    expect(refusal("GET", "/library?q=%22machine%20tools%22")).toBeNull();
  });
});
