import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "./lib/database";
import { ApiClient, signIn } from "./lib/http";
import { AppServer, freePort, sleep } from "./lib/server";
import { issueBody } from "./lib/workload";

// Issue 15, "never lost": webhook deliveries are written with their event and sent by a job. The server is
// killed (SIGKILL) as soon as the last of a few events has committed, before its delivery job runs (it is sent a
// second after the commit); after the restart every event reaches the receiver, exactly once by its payload id,
// through the queued job or the minute's sweep, and the delivery log says delivered.

const EVENTS = 5;

describe(`webhook deliveries through a crash (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let receiver: Server | undefined;

  afterAll(async () => {
    await server?.kill();
    await database?.drop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  });

  it("delivers each committed event once after a SIGKILL between commit and delivery", { timeout: 400_000 }, async () => {
    const received: { id: string; subject: string }[] = [];
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string; subject: { name: string } };
        received.push({ id: payload.id, subject: payload.subject.name });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;

    database = await freshDatabase("webhooks");
    server = await AppServer.start({ name: "webhooks", port: await freePort(), ...database.server, env: { FETCH_ALLOW_HOSTS: "127.0.0.1" } });
    let client = await signIn(server.url);
    const made = await client.post<{ id: string }>("/api/team/webhooks", { url: hook, kinds: ["new_issue"] });
    expect(made.status, made.text).toBe(201);
    const webhookId = made.json.id;

    // The events commit; the moment the last is acknowledged the server dies, its delivery job not yet run.
    const titles = Array.from({ length: EVENTS }, (_, i) => `Crash webhook ${i} ${Date.now().toString(36)}`);
    const created = await Promise.all(titles.map((title, i) => client.post("/api/issues", issueBody(title, i))));
    server.killGroupNow();
    expect(created.map((r) => r.status)).toEqual(titles.map(() => 201));
    await server.kill();
    client.close();
    const beforeRestart = received.filter((r) => titles.includes(r.subject)).length;

    server = await server.restart();
    client = new ApiClient(server.url, client.cookie);
    // The queued jobs run as the queue starts; the sweep, within a minute, sends whatever they missed.
    const deadline = Date.now() + 200_000;
    while (Date.now() < deadline && new Set(received.filter((r) => titles.includes(r.subject)).map((r) => r.subject)).size < EVENTS) await sleep(1_000);
    await sleep(3_000); // time for a duplicate to show, if one were coming

    // Every event arrived, each under one id: a receiver deduplicating on it handles each exactly once. (A
    // delivery in flight at the SIGKILL may arrive twice, the second time with the same id: at least once.)
    const ours = received.filter((r) => titles.includes(r.subject));
    expect(new Set(ours.map((r) => r.subject))).toEqual(new Set(titles));
    for (const title of titles) expect(new Set(ours.filter((r) => r.subject === title).map((r) => r.id)).size, title).toBe(1);
    const log = await client.get<{ items: { id: string; status: string; attempts: number }[] }>(`/api/team/webhooks/${webhookId}/deliveries`);
    expect(log.json.items).toHaveLength(EVENTS);
    for (const delivery of log.json.items) expect(delivery.status).toBe("delivered");
    expect(new Set(log.json.items.map((d) => d.id))).toEqual(new Set(ours.map((r) => r.id)));
    console.log(`webhooks through a crash: ${beforeRestart} of ${EVENTS} delivered before the SIGKILL, ${ours.length - EVENTS} sent twice (same id)`);
    client.close();
  });
});
