import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { clientAddress } from "./rate-limits";

// Issue 18, finding 7: the client writes whatever it likes into X-Forwarded-For; only the entries
// our own proxies appended (the rightmost ones) can be believed.
describe("clientAddress", () => {
  const headers = (forwarded: string) => new Headers({ "x-forwarded-for": forwarded });

  it("takes the entry the trusted proxy appended, not the one the client sent", () => {
    expect(clientAddress(headers("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(headers("6.6.6.6,203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientAddress(headers("203.0.113.7"), 1)).toBe("203.0.113.7");
    // A chain shorter than configured: the farthest entry is all there is.
    expect(clientAddress(headers("203.0.113.7"), 3)).toBe("203.0.113.7");
  });

  it("believes no header without a trusted proxy", () => {
    expect(clientAddress(headers("6.6.6.6"), 0)).toBeNull();
    expect(clientAddress(new Headers({ "x-real-ip": "6.6.6.6" }), 0)).toBeNull();
    expect(clientAddress(new Headers({ "x-real-ip": "203.0.113.7" }), 1)).toBe("203.0.113.7");
  });

  it("reads the hop count from TRUST_PROXY, validated at start-up", () => {
    expect(readEnv({}).trustProxyHops).toBe(0);
    expect(readEnv({ TRUST_PROXY: "2" }).trustProxyHops).toBe(2);
    expect(() => readEnv({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => readEnv({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/);
  });
});
