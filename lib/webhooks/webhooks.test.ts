import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { webhookEventOf } from "./kinds";
import { GIVE_UP_AFTER_MS, MAX_RETRY_SECONDS, nextAttemptAt } from "./schedule";
import { signatureOf, verifySignature } from "./signature";

// The pure parts of team webhooks (issue 15): the signature, the retry schedule, which events a webhook hears of.

describe("the signature", () => {
  it("is the documented HMAC: t=<seconds>,v1=hex HMAC-SHA256 of \"t.body\"", () => {
    // Computed with `printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test`.
    expect(signatureOf("whsec_test", '{"a":1}', 1_700_000_000)).toBe("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
  });

  it("verifies its own, and refuses another secret, a changed body, or an old time", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }), (secret, body, t) => {
        const header = signatureOf(secret, body, t);
        expect(verifySignature(secret, body, header, t)).toBe(true);
        expect(verifySignature(`${secret}x`, body, header, t)).toBe(false);
        expect(verifySignature(secret, `${body} `, header, t)).toBe(false);
        expect(verifySignature(secret, body, header, t + 301)).toBe(false);
      }),
    );
    expect(verifySignature("s", "{}", "garbage", 0)).toBe(false);
  });
});

describe("the retry schedule", () => {
  it("doubles from 30 s to at most an hour, and never tries past 24 hours after the event", () => {
    const created = new Date("2026-12-01T00:00:00Z");
    const waits = [1, 2, 3, 4].map((n) => (nextAttemptAt(n, created, created)!.getTime() - created.getTime()) / 1000);
    expect(waits).toEqual([30, 60, 120, 240]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 2 * GIVE_UP_AFTER_MS }), (attempts, elapsed) => {
        const now = new Date(created.getTime() + elapsed);
        const next = nextAttemptAt(attempts, created, now);
        if (next) {
          expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(MAX_RETRY_SECONDS * 1000);
          expect(next.getTime() - created.getTime()).toBeLessThanOrEqual(GIVE_UP_AFTER_MS);
        } else expect(now.getTime() + Math.min(30 * 2 ** (attempts - 1), MAX_RETRY_SECONDS) * 1000 - created.getTime()).toBeGreaterThan(GIVE_UP_AFTER_MS);
      }),
    );
  });
});

describe("which events a webhook hears of", () => {
  const base = { teamId: "t", actorId: "u", actorLabel: "Ana" };
  it("maps the team-wide notification kinds and new comments; not mentions alone, nor its own disabling", () => {
    expect(webhookEventOf({ ...base, entityType: "issue", entityId: "i", action: "status_changed" })).toEqual({ kind: "status", subject: { type: "issue", id: "i" } });
    expect(webhookEventOf({ ...base, entityType: "evidence", entityId: "e", action: "evidence_added", after: { issueId: "i" } })).toEqual({ kind: "evidence", subject: { type: "issue", id: "i" } });
    expect(webhookEventOf({ ...base, entityType: "comment", entityId: "c", action: "commented", after: { issueId: "i", mentions: ["x"] } })).toEqual({ kind: "comment", subject: { type: "issue", id: "i" } });
    expect(webhookEventOf({ ...base, entityType: "comment", entityId: "c", action: "comment_edited", after: { issueId: "i", mentions: ["x"] } })).toBeNull();
    expect(webhookEventOf({ ...base, entityType: "webhook", entityId: "w", action: "webhook_disabled" })).toBeNull();
    expect(webhookEventOf({ ...base, entityType: "token", entityId: "k", action: "token_created" })).toBeNull();
  });
});
