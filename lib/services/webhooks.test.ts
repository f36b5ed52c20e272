import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import { DISABLE_AFTER_FAILURES } from "@/lib/webhooks/schedule";
import { verifySignature } from "@/lib/webhooks/signature";
import * as attemptsRoute from "@/app/api/team/webhook-deliveries/[id]/attempts/route";
import * as deliveriesRoute from "@/app/api/team/webhooks/[id]/deliveries/route";
import * as redeliverRoute from "@/app/api/team/webhook-deliveries/[id]/redeliver/route";
import * as rotateRoute from "@/app/api/team/webhooks/[id]/rotate/route";
import * as webhooksByIdRoute from "@/app/api/team/webhooks/[id]/route";
import * as webhooksRoute from "@/app/api/team/webhooks/route";
import { deliverDue } from "./webhook-delivery";
import { createWebhook, sendTestDelivery } from "./webhooks";

// Team webhooks against receivers on 127.0.0.1 (real HTTP, allowed as FETCH_ALLOW_HOSTS would): signatures,
// retries on a clock the test drives, disabling after 20 failures with the admins told, and bad input (issue 15).
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";

withTestDatabase();

type Received = { headers: IncomingMessage["headers"]; body: string };
type Receiver = { url: string; received: Received[]; status: number; close: () => Promise<void> };

/** A receiver answering `status` (changeable) to every POST, keeping what it got. */
async function startReceiver(status = 204): Promise<Receiver> {
  const received: Received[] = [];
  const receiver = { url: "", received, status, close: async () => {} };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(receiver.status, { "content-type": "text/plain" });
      response.end(receiver.status < 300 ? "" : `refused on purpose (${receiver.status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

let team: TestTeam;
let other: TestTeam;
let receiver: Receiver;

beforeAll(async () => {
  team = await createTestTeam("Webhooks");
  other = await createTestTeam("Other webhooks");
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver.close();
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const deliveriesOf = (webhookId: string) => db.webhookDelivery.findMany({ where: { webhookId }, orderBy: { createdAt: "asc" } });
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe("delivering an event", () => {
  it("writes the delivery with the event and sends it signed, with a stable id, a link and the team", async () => {
    const { id, secret } = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["new_issue"], format: "json" });
    const issue = await createTestIssue(team.actors.analyst, { title: "Transshipment via a free zone" });
    const [pending] = await deliveriesOf(id);
    expect(pending).toMatchObject({ status: "pending", type: "new_issue", attempts: 0 });

    const before = receiver.received.length;
    expect(await deliverDue({ teamId: team.teamId })).toEqual({ delivered: 1, failed: 0 });
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const { headers, body } = got[0]!;
    expect(verifySignature(secret!, body, String(headers["x-sw-signature"]), Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature("whsec_wrong", body, String(headers["x-sw-signature"]), Math.floor(Date.now() / 1000))).toBe(false);
    const payload = JSON.parse(body) as Record<string, unknown>;
    expect(payload).toMatchObject({
      id: pending!.id,
      type: "new_issue",
      team: { id: team.teamId },
      subject: { type: "issue", id: issue.id, name: "Transshipment via a free zone" },
      link: expect.stringMatching(new RegExp(`^https?://[^/]+/issues/${issue.id}$`)),
    });
    expect(new Date(String(payload.occurredAt)).toString()).not.toBe("Invalid Date");
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "delivered", attempts: 1, responseStatus: 204 });

    // Redelivered: the same id and body, so the receiver can tell it is the same event.
    const again = await call(redeliverRoute.POST, "POST", "/", { token: team.tokens.admin, params: { id: pending!.id } });
    expect(again.status).toBe(202);
    await deliverDue({ teamId: team.teamId });
    expect(receiver.received.at(-1)!.body).toBe(body);
    await db.webhook.delete({ where: { id } });
  });

  it("leaves events of kinds the webhook does not want, and disabled webhooks, alone", async () => {
    const wants = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["evidence"], format: "json" });
    const off = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["new_issue"], format: "slack" });
    await db.webhook.update({ where: { id: off.id }, data: { enabled: false } });
    await createTestIssue(team.actors.analyst);
    expect(await deliveriesOf(wants.id)).toEqual([]);
    expect(await deliveriesOf(off.id)).toEqual([]);
    await db.webhook.deleteMany({ where: { id: { in: [wants.id, off.id] } } });
  });

  it("sends Slack and Teams bodies", async () => {
    const slack = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["new_issue"], format: "slack" });
    const teams = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["new_issue"], format: "teams" });
    await createTestIssue(team.actors.analyst, { title: "Dual-use parts" });
    const before = receiver.received.length;
    await deliverDue({ teamId: team.teamId });
    const bodies = receiver.received.slice(before).map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies.find((b) => typeof b.text === "string" && !b["@type"])?.text).toMatch(/Dual-use parts[\s\S]*<https?:\/\/.+\|Open in Sanctions Watch>/);
    expect(bodies.find((b) => b["@type"] === "MessageCard")).toMatchObject({ title: expect.stringContaining("Dual-use parts") });
    await db.webhook.deleteMany({ where: { id: { in: [slack.id, teams.id] } } });
  });
});

describe("senders side by side", () => {
  it("send each delivery once when two run at the same time (the kick and the sweep, or two instances)", async () => {
    const { id } = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["new_issue"], format: "json" });
    for (let i = 0; i < 6; i++) await createTestIssue(team.actors.analyst);
    const before = receiver.received.length;
    const [a, b] = await Promise.all([deliverDue({ teamId: team.teamId }), deliverDue({ teamId: team.teamId })]);
    expect(a.delivered + b.delivered).toBe(6);
    const ids = receiver.received.slice(before).map((r) => JSON.parse(r.body).id as string);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    await db.webhook.delete({ where: { id } });
  });

  it("commit an event at once whatever the receiver does: nothing is sent in the request", async () => {
    const hanging = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    try {
      const { id } = await createWebhook(team.actors.admin, { url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`, kinds: ["new_issue"], format: "json" });
      const issue = await createTestIssue(team.actors.analyst);
      expect(issue.id).toBeTruthy();
      expect(await deliveriesOf(id)).toMatchObject([{ status: "pending", attempts: 0 }]);
      await db.webhook.delete({ where: { id } });
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});

describe("a receiver that fails", () => {
  it("sees the delivery again on the backoff schedule, then it is delivered once it answers", async () => {
    const failing = await startReceiver(503);
    try {
      const { id } = await createWebhook(team.actors.admin, { url: failing.url, kinds: ["new_issue"], format: "json" });
      await createTestIssue(team.actors.analyst);
      expect(await deliverDue({ teamId: team.teamId })).toEqual({ delivered: 0, failed: 1 });
      let [delivery] = await deliveriesOf(id);
      expect(delivery).toMatchObject({ status: "pending", attempts: 1, responseStatus: 503, responseExcerpt: "refused on purpose (503)" });
      // Not due yet: nothing is sent before its time.
      expect(await deliverDue({ teamId: team.teamId, now: new Date(delivery!.lastAttemptAt!.getTime() + 10_000) })).toEqual({ delivered: 0, failed: 0 });
      // Each retry waits twice as long as the one before.
      const waits: number[] = [];
      for (let i = 0; i < 3; i++) {
        const due = delivery!.nextAttemptAt!;
        waits.push((due.getTime() - delivery!.lastAttemptAt!.getTime()) / 1000);
        await deliverDue({ teamId: team.teamId, now: due });
        [delivery] = await deliveriesOf(id);
      }
      expect(waits).toEqual([30, 60, 120]);
      expect(failing.received).toHaveLength(4);
      expect(new Set(failing.received.map((r) => JSON.parse(r.body).id))).toEqual(new Set([delivery!.id]));

      failing.status = 200;
      await deliverDue({ teamId: team.teamId, now: delivery!.nextAttemptAt! });
      [delivery] = await deliveriesOf(id);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 5, responseStatus: 200 });
      expect((await db.webhook.findUniqueOrThrow({ where: { id } })).consecutiveFailures).toBe(0);
      await db.webhook.delete({ where: { id } });
    } finally {
      await failing.close();
    }
  });

  it("keeps every attempt in the delivery's attempt log, the delivery itself showing the latest", async () => {
    const failing = await startReceiver(503);
    try {
      const { id } = await createWebhook(team.actors.admin, { url: failing.url, kinds: ["new_issue"], format: "json" });
      await createTestIssue(team.actors.analyst);
      await deliverDue({ teamId: team.teamId });
      failing.status = 500;
      await deliverDue({ teamId: team.teamId, now: (await deliveriesOf(id))[0]!.nextAttemptAt! });
      failing.status = 200;
      await deliverDue({ teamId: team.teamId, now: (await deliveriesOf(id))[0]!.nextAttemptAt! });
      const [delivery] = await deliveriesOf(id);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 3, responseStatus: 200 });

      // The admins' API lists them newest first, the delivery's summary being the newest.
      const log = await call(attemptsRoute.GET, "GET", "/", { token: team.tokens.admin, params: { id: delivery!.id } });
      expect(log.status).toBe(200);
      const items = log.json.items as Array<Record<string, unknown>>;
      expect(items.map((a) => [a.attempt, a.responseStatus, a.outcome])).toEqual([
        [3, 200, "delivered"],
        [2, 500, "failed"],
        [1, 503, "failed"],
      ]);
      expect(items.map((a) => a.responseExcerpt)).toEqual(["", "refused on purpose (500)", "refused on purpose (503)"]);
      const times = items.map((a) => Date.parse(String(a.attemptedAt)));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(items[0]).toEqual({
        attempt: delivery!.attempts,
        attemptedAt: delivery!.lastAttemptAt!.toISOString(),
        responseStatus: delivery!.responseStatus,
        durationMs: delivery!.durationMs,
        responseExcerpt: delivery!.responseExcerpt,
        outcome: "delivered",
      });
      expect(String(delivery!.deliveredAt?.toISOString())).toBe(items[0]!.attemptedAt);

      // Removing the webhook removes its deliveries' attempts with them.
      await db.webhook.delete({ where: { id } });
      expect(await db.webhookAttempt.count({ where: { deliveryId: delivery!.id } })).toBe(0);
    } finally {
      await failing.close();
    }
  });

  it("logs an attempt that got no answer without a response code, with the reason", async () => {
    const { id } = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["new_issue"], format: "json" });
    await createTestIssue(team.actors.analyst);
    await deliverDue({ teamId: team.teamId, policy: { allowPrivate: false, allowHosts: [] } });
    const [delivery] = await deliveriesOf(id);
    const log = await call(attemptsRoute.GET, "GET", "/", { token: team.tokens.admin, params: { id: delivery!.id } });
    expect(log.json.items).toEqual([
      { attempt: 1, attemptedAt: delivery!.lastAttemptAt!.toISOString(), responseStatus: null, durationMs: delivery!.durationMs, responseExcerpt: expect.stringContaining("not fetched"), outcome: "failed" },
    ]);
    await db.webhook.delete({ where: { id } });
  });

  it("is refused at delivery too when its address is not allowed (the guard runs on every attempt)", async () => {
    const { id } = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["new_issue"], format: "json" });
    await createTestIssue(team.actors.analyst);
    const before = receiver.received.length;
    expect(await deliverDue({ teamId: team.teamId, policy: { allowPrivate: false, allowHosts: [] } })).toEqual({ delivered: 0, failed: 1 });
    expect(receiver.received.length).toBe(before);
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "pending", attempts: 1, responseStatus: null, responseExcerpt: expect.stringContaining("not fetched") });
    await db.webhook.delete({ where: { id } });
  });

  it("gives up on a delivery 24 hours after its event", async () => {
    const { id } = await createWebhook(team.actors.admin, { url: "http://127.0.0.1:9/closed", kinds: ["new_issue"], format: "json" });
    await createTestIssue(team.actors.analyst);
    await deliverDue({ teamId: team.teamId, now: minutes(24 * 60 - 0.1) });
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "failed", attempts: 1, responseStatus: null, nextAttemptAt: null });
    expect((await deliveriesOf(id))[0]!.responseExcerpt).toMatch(/connect/i);
    await db.webhook.delete({ where: { id } });
  });

  it(`is disabled after ${DISABLE_AFTER_FAILURES} failures in a row, and the team's admins are told`, async () => {
    const failing = await startReceiver(500);
    try {
      const { id } = await createWebhook(team.actors.admin, { url: failing.url, kinds: ["new_issue"], format: "json" });
      for (let i = 0; i < DISABLE_AFTER_FAILURES; i++) await sendTestDelivery(team.actors.admin, id);
      await deliverDue({ teamId: team.teamId });
      const webhook = await db.webhook.findUniqueOrThrow({ where: { id } });
      expect(webhook).toMatchObject({ enabled: false, consecutiveFailures: DISABLE_AFTER_FAILURES });
      expect(webhook.disabledReason).toContain("HTTP 500");
      const notices = await db.notification.findMany({ where: { teamId: team.teamId, kind: "delivery_failed", subjectId: id } });
      expect(notices.map((n) => n.userId)).toEqual([team.actors.admin.userId]);
      expect(notices[0]).toMatchObject({ subjectType: "webhook", link: "/team/webhooks" });

      // Disabled: a new event makes no delivery; enabled again, its count starts from zero.
      await createTestIssue(team.actors.analyst);
      expect((await deliveriesOf(id)).filter((d) => d.type === "new_issue")).toEqual([]);
      const enabled = await call(webhooksByIdRoute.PATCH, "PATCH", "/", { token: team.tokens.admin, params: { id }, body: { enabled: true } });
      expect(enabled.json).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
      await db.webhook.delete({ where: { id } });
    } finally {
      await failing.close();
    }
  });
});

describe("the admins' API", () => {
  const post = (body: unknown, token = team.tokens.admin) => call(webhooksRoute.POST, "POST", "/api/team/webhooks", { token, body });

  it("shows the secret once: in the answer to create and to rotate, never in the list", async () => {
    const made = await post({ url: receiver.url, kinds: ["evidence", "status"] });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ format: "json", enabled: true, secret: expect.stringMatching(/^whsec_/) });
    const id = String(made.json.id);
    const list = await call(webhooksRoute.GET, "GET", "/api/team/webhooks", { token: team.tokens.admin });
    expect(list.text).not.toContain(String(made.json.secret));
    expect(list.text).not.toContain("secret");
    const rotated = await call(rotateRoute.POST, "POST", "/", { token: team.tokens.admin, params: { id } });
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(made.json.secret);
    expect((await db.webhook.findUniqueOrThrow({ where: { id } })).secret).toBe(rotated.json.secret);
    expect((await call(webhooksByIdRoute.DELETE, "DELETE", "/", { token: team.tokens.admin, params: { id } })).status).toBe(204);
  });

  it.each([
    ["no URL", { kinds: ["evidence"] }, "url"],
    ["not a URL", { url: "not a url", kinds: ["evidence"] }, "url"],
    ["an ftp URL", { url: "ftp://hooks.example.org/in", kinds: ["evidence"] }, "url"],
    ["a URL with a password", { url: "https://user:pw@hooks.example.org/in", kinds: ["evidence"] }, "url"],
    ["a private address", { url: "http://10.1.2.3/hook", kinds: ["evidence"] }, "url"],
    ["the cloud metadata address", { url: "http://169.254.169.254/latest", kinds: ["evidence"] }, "url"],
    ["no kinds", { url: "https://hooks.example.org/in", kinds: [] }, "kinds"],
    ["an unknown kind", { url: "https://hooks.example.org/in", kinds: ["everything"] }, "kinds"],
    ["an unknown format", { url: "https://hooks.example.org/in", kinds: ["evidence"], format: "xml" }, "format"],
    ["an unknown field", { url: "https://hooks.example.org/in", kinds: ["evidence"], secret: "mine" }, null],
  ])("refuses %s with 422 and writes nothing", async (_label, body, field) => {
    const before = await db.webhook.count({ where: { teamId: team.teamId } });
    const response = await post(body);
    expect(response.status).toBe(422);
    expect(response.json.error?.code).toBe("validation_failed");
    if (field) expect(JSON.stringify(response.json.error?.details)).toContain(field);
    expect(await db.webhook.count({ where: { teamId: team.teamId } })).toBe(before);
  });

  it("refuses analysts, and answers another team's ids with 404", async () => {
    expect((await post({ url: receiver.url, kinds: ["evidence"] }, team.tokens.analyst)).status).toBe(403);
    const { id } = await createWebhook(team.actors.admin, { url: receiver.url, kinds: ["evidence"], format: "json" });
    const delivery = await sendTestDelivery(team.actors.admin, id);
    const token = other.tokens.admin;
    expect((await call(webhooksByIdRoute.PATCH, "PATCH", "/", { token, params: { id }, body: { enabled: false } })).status).toBe(404);
    expect((await call(webhooksByIdRoute.DELETE, "DELETE", "/", { token, params: { id } })).status).toBe(404);
    expect((await call(rotateRoute.POST, "POST", "/", { token, params: { id } })).status).toBe(404);
    expect((await call(deliveriesRoute.GET, "GET", "/", { token, params: { id } })).status).toBe(404);
    expect((await call(redeliverRoute.POST, "POST", "/", { token, params: { id: delivery.id } })).status).toBe(404);
    const elsewhere = await call(attemptsRoute.GET, "GET", "/", { token, params: { id: delivery.id } });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json.error?.code).toBe("not_found");
    expect((await call(attemptsRoute.GET, "GET", "/", { token: team.tokens.analyst, params: { id: delivery.id } })).status).toBe(403);
    // Not attempted yet: an empty log, not a 404.
    expect((await call(attemptsRoute.GET, "GET", "/", { token: team.tokens.admin, params: { id: delivery.id } })).json).toEqual({ items: [] });
    expect((await call(webhooksRoute.GET, "GET", "/", { token })).text).not.toContain(id);
    expect(await db.webhook.findUniqueOrThrow({ where: { id } })).toMatchObject({ enabled: true });
    const log = await call(deliveriesRoute.GET, "GET", "/", { token: team.tokens.admin, params: { id } });
    expect(log.json).toMatchObject({ items: [{ id: delivery.id, type: "test", status: "pending" }] });
    await db.webhook.delete({ where: { id } });
  });
});
