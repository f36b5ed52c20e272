import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "./lib/database";
import { ApiClient, signIn, type ErrorReply, type Reply } from "./lib/http";
import { AppServer, freePort } from "./lib/server";
import { STATUSES, createDocument, evidenceBody, expectStatus, issueBody, type HistoryEvent, type IssueView, type Status } from "./lib/workload";

// Issue 8, item 2 — concurrency against the production server: twenty clients, each on its own
// connection, sent at the same moment. Optimistic concurrency must let exactly one of twenty
// identical If-Match writes through; and twenty evidence links on twenty issues at once must all
// succeed (on PGlite every transaction queues on its one connection: no error, no deadlock).

const CLIENTS = 20;
const ROUNDS = 5;
const kind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

describe(`concurrency (${kind})`, () => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let admin: ApiClient;
  let clients: ApiClient[] = [];

  beforeAll(async () => {
    database = await freshDatabase("concurrency");
    server = await AppServer.start({ name: "concurrency", port: await freePort(), ...database.server });
    admin = await signIn(server.url);
    clients = Array.from({ length: CLIENTS }, () => new ApiClient(server!.url, admin.cookie));
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    admin?.close();
    await server?.kill();
    await database?.drop();
  });

  /** Opens every client's connection first, so the racing requests leave together. */
  async function connected() {
    const replies = await Promise.all(clients.map((client) => client.get("/api/health")));
    expect(replies.map((r) => r.status)).toEqual(clients.map(() => 200));
  }

  it("20 clients moving one issue with the same If-Match: exactly one 200, nineteen 412", async () => {
    const created = await admin.post<IssueView>("/api/issues", issueBody("Concurrency: one issue, twenty writers"));
    expectStatus(created, 201, "creating the issue");
    const id = created.json.id;
    let current = { version: created.json.version, status: created.json.status };
    const winners: string[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      await connected();
      const from = STATUSES.indexOf(current.status);
      const moves = clients.map((_, k) => ({
        status: STATUSES[(from + 1 + (k % (STATUSES.length - 1))) % STATUSES.length] as Status,
        rationale: `round ${round}, client ${k}`,
      }));
      const replies: ErrorReply[] = await Promise.all(clients.map((client, k) => client.patch<ErrorReply["json"]>(`/api/issues/${id}`, moves[k], current.version)));

      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 200), `round ${round}: ${statuses.join(" ")}`).toHaveLength(1);
      expect(statuses.filter((s) => s === 412), `round ${round}: ${statuses.join(" ")}`).toHaveLength(CLIENTS - 1);
      for (const stale of replies.filter((r) => r.status === 412)) {
        expect(stale.json.error).toMatchObject({ code: "precondition_failed", details: { currentVersion: current.version + 1 } });
        expect(stale.headers.etag).toBe(`"${current.version + 1}"`);
      }
      const winner = moves[statuses.indexOf(200)]!;
      winners.push(winner.rationale);

      const read = await admin.get<IssueView>(`/api/issues/${id}`);
      expect(read.json).toMatchObject({ version: current.version + 1, status: winner.status });
      current = { version: read.json.version, status: read.json.status };
    }

    // The history has the winners' moves, one per version, and nothing from the losers.
    const history = await admin.get<{ items: HistoryEvent[] }>(`/api/issues/${id}/history`);
    const moves = history.json.items.filter((e) => e.action === "status_changed");
    expect(moves.map((e) => e.after?.rationale)).toEqual(winners);
    expect(moves.map((e) => e.after?.version)).toEqual(winners.map((_, i) => i + 2));
  });

  it(`20 clients adding evidence to 20 different issues at once (${kind}): all 201, no error, no deadlock`, async () => {
    const issues: string[] = [];
    for (let k = 0; k < CLIENTS; k++) {
      const reply = await admin.post<IssueView>("/api/issues", issueBody(`Concurrency: evidence target ${k + 1}`, k));
      expectStatus(reply, 201, "creating an issue");
      issues.push(reply.json.id);
    }
    const document = await createDocument(admin, "concurrency", CLIENTS * 3);

    // Three rounds of twenty links at once; every request must be answered within 20 s.
    const started = Date.now();
    for (let round = 0; round < 3; round++) {
      await connected();
      const replies: Reply<{ id: string; issueId: string }>[] = await Promise.all(
        clients.map((client, k) =>
          client.request<{ id: string; issueId: string }>("POST", `/api/issues/${issues[k]}/evidence`, {
            json: evidenceBody(document.id, document.passages[round * CLIENTS + k]!, `round ${round}`),
            timeoutMs: 20_000,
          }),
        ),
      );
      expect(replies.map((r) => r.status), replies.find((r) => r.status !== 201)?.text).toEqual(clients.map(() => 201));
      expect(replies.map((r) => r.json.issueId)).toEqual(issues);
    }

    // And twenty documents saved at once, each with an evidence link in the same transaction.
    await connected();
    const saved: Reply<{ id: string }>[] = await Promise.all(
      clients.map((client, k) => {
        const quote = `Concurrent intake ${k}: the statement names issue ${k} among the risks.`;
        return client.request<{ id: string }>("POST", "/api/documents", {
          json: { title: `Concurrent intake ${k}`, text: `${quote}\n\nNothing else.`, evidence: [{ issueId: issues[k], quote, credibility: 3, stance: "context" }] },
          timeoutMs: 20_000,
        });
      }),
    );
    expect(saved.map((r) => r.status), saved.find((r) => r.status !== 201)?.text).toEqual(clients.map(() => 201));
    console.log(`[concurrency] 60 evidence links and 20 documents with links, 20 at a time, in ${Date.now() - started} ms`);

    for (const id of issues) {
      const issue = await admin.get<IssueView>(`/api/issues/${id}`);
      expect(issue.json.evidenceCount).toBe(4);
      const history = await admin.get<{ items: HistoryEvent[] }>(`/api/issues/${id}/history`);
      expect(history.json.items.filter((e) => e.action === "evidence_added")).toHaveLength(4);
    }
    expect(server!.unexpectedErrors()).toEqual([]);
  });
});
