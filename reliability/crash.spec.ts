import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase, historyProblems, openSql, type TestDatabase } from "./lib/database";
import { ApiClient, signIn, type Reply } from "./lib/http";
import { AppServer, freePort, inParallel, isAlive } from "./lib/server";
import { createDocument, documentIds, evidenceBody, expectStatus, issueBody, nextStatus, type IssueView, type Status, type StoredDocument } from "./lib/workload";

// Issue 8, item 1 — crash durability. Eight clients write against the production server (issue
// creations, evidence links, status moves with a rationale and If-Match). After the 600th
// acknowledgement the server is killed with SIGKILL mid-stream, restarted on the same database
// (on PGlite the dead process's lock file is taken over), and every acknowledged write must be
// there; the clients then finish, for 1,000 acknowledged writes in all. Finally, with the server
// stopped, the database itself is read: every acknowledged write by id and version, and no
// half-written record (each row has its event, no event lacks its row, versions match the history).

const CLIENTS = 8;
const WRITES = 1_000;
const KILL_AFTER = 600;
const PER_CLIENT = WRITES / CLIENTS;

type AckedIssue = { id: string; version: number; status: Status; evidence: Set<string> };
type AckedMove = { issueId: string; version: number; status: Status; rationale: string };

/** What the server acknowledged (2xx received), and what was in flight when it died. */
class Ledger {
  acked = 0;
  readonly issues = new Map<string, AckedIssue>();
  readonly moves: AckedMove[] = [];
  readonly evidence = new Map<string, string>();
  /** Issues with a status move sent and not answered. */
  readonly movesInFlight = new Set<string>();
  lost = 0;
}

describe(`crash durability (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;

  afterAll(async () => {
    await server?.kill();
    await database?.drop();
  });

  it("keeps every acknowledged write through a SIGKILL of the server, and no half-written record", async () => {
    database = await freshDatabase("crash");
    const port = await freePort();
    server = await AppServer.start({ name: "crash", port, ...database.server });

    const ledger = new Ledger();
    const seededDocuments = await documentIds(server.url);
    const documents: StoredDocument[] = [];
    const cookies: string[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const client = await signIn(server.url);
      cookies.push(client.cookie);
      documents.push(await createDocument(client, `crash-${c}`, 120));
      client.close();
    }

    // The outage: begins at the 600th acknowledgement, ends once the restarted server was checked.
    let outage: Promise<void> | null = null;
    let killedPid = 0;
    let inFlightAtKill = new Set<string>();
    let afterRestart: { lockPid: number | null; serverPid: number } | null = null;
    let restartMs = 0;
    const crash = async () => {
      const dying = server!;
      killedPid = dying.serverPid();
      dying.killGroupNow();
      inFlightAtKill = new Set(ledger.movesInFlight);
      await dying.kill();
      expect(isAlive(killedPid)).toBe(false);
      if (database!.kind === "pglite") {
        // The killed server could not remove its lock: the restart must take it over.
        const lock = path.join(database!.dataDir!, "sanctions-watch.lock");
        expect(existsSync(lock)).toBe(true);
        expect(Number(readFileSync(lock, "utf8"))).toBe(killedPid);
      }
      const restarting = Date.now();
      server = await dying.restart();
      restartMs = Date.now() - restarting;
      afterRestart = {
        serverPid: server.serverPid(),
        lockPid: database!.kind === "pglite" ? Number(readFileSync(path.join(database!.dataDir!, "sanctions-watch.lock"), "utf8")) : null,
      };
      await checkAcknowledged(server.url, cookies[0]!, ledger, inFlightAtKill);
    };

    const acknowledge = () => {
      ledger.acked++;
      if (ledger.acked === KILL_AFTER) outage = crash();
    };

    const runClient = async (c: number) => {
      const doc = documents[c]!;
      let client = new ApiClient(server!.url, cookies[c]);
      let done = 0;
      let issue: { id: string; version: number; status: Status } | null = null;
      let passage = 0;
      let created = 0;
      let moved = 0;
      let recovered = false;
      while (done < PER_CLIENT) {
        if (outage && !recovered) {
          await outage;
          recovered = true;
          // A fresh connection to the new server, and the current state of our issue: a move that
          // was in flight may have committed without its answer reaching us.
          client.close();
          client = new ApiClient(server!.url, cookies[c]);
          if (issue) {
            const reply: Reply<IssueView> = await client.get<IssueView>(`/api/issues/${issue.id}`);
            expectStatus(reply, 200, `re-reading issue ${issue.id} after the restart`);
            issue = { id: issue.id, version: reply.json.version, status: reply.json.status };
            const known = ledger.issues.get(issue.id)!;
            known.version = reply.json.version;
            known.status = reply.json.status;
          }
        }
        const slot = done % 5;
        try {
          if (slot === 0 || !issue) {
            const title = `Crash c${c} issue ${++created}`;
            const reply: Reply<IssueView> = await client.post<IssueView>("/api/issues", issueBody(title, created));
            expectStatus(reply, 201, `creating ${title}`);
            issue = { id: reply.json.id, version: reply.json.version, status: reply.json.status };
            ledger.issues.set(issue.id, { ...issue, evidence: new Set() });
          } else if (slot === 1 || slot === 3) {
            const body = evidenceBody(doc.id, doc.passages[passage++ % doc.passages.length]!, `client ${c}`);
            const reply: Reply<{ id: string }> = await client.post<{ id: string }>(`/api/issues/${issue.id}/evidence`, body);
            expectStatus(reply, 201, `adding evidence to ${issue.id}`);
            ledger.issues.get(issue.id)!.evidence.add(reply.json.id);
            ledger.evidence.set(reply.json.id, issue.id);
          } else {
            const status = nextStatus(issue.status);
            const rationale = `client ${c} move ${++moved}`;
            ledger.movesInFlight.add(issue.id);
            const reply: Reply<IssueView> = await client.patch<IssueView>(`/api/issues/${issue.id}`, { status, rationale }, issue.version);
            ledger.movesInFlight.delete(issue.id);
            expectStatus(reply, 200, `moving ${issue.id} to ${status}`);
            expect(reply.json.version).toBe(issue.version + 1);
            issue = { id: issue.id, version: reply.json.version, status };
            Object.assign(ledger.issues.get(issue.id)!, { version: issue.version, status });
            ledger.moves.push({ issueId: issue.id, version: issue.version, status, rationale });
          }
          done++;
          acknowledge();
        } catch (error) {
          // Only the outage may break a request (the server is gone: this write was not acknowledged).
          if (!outage || recovered || !isConnectionError(error)) throw error;
          ledger.lost++;
          if (issue) ledger.movesInFlight.delete(issue.id);
        }
      }
      client.close();
    };

    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => runClient(c)));
    const elapsed = Date.now() - started;

    expect(outage, "the server was killed mid-stream").not.toBeNull();
    expect(ledger.acked).toBe(WRITES);
    expect(afterRestart!.lockPid ?? afterRestart!.serverPid).toBe(afterRestart!.serverPid);
    console.log(
      `[crash] ${ledger.acked} acknowledged writes (${ledger.issues.size} issues, ${ledger.evidence.size} evidence, ${ledger.moves.length} moves) ` +
        `in ${elapsed} ms; killed pid ${killedPid} after ${KILL_AFTER} acknowledgements, restarted in ${restartMs} ms; ${ledger.lost} requests lost in the outage`,
    );

    // After the workload, through the API of the restarted server: exactly what was acknowledged.
    await checkAcknowledged(server.url, cookies[0]!, ledger, new Set());
    expect(server.unexpectedErrors()).toEqual([]);

    // Then the database itself, with the server stopped.
    await server.stop();
    const sql = await openSql(database);
    try {
      const rows = await sql.query<{ id: string; version: number; status: string }>(`SELECT id, version, status::text AS status FROM issue WHERE id = ANY($1)`, [[...ledger.issues.keys()]]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const acked of ledger.issues.values()) {
        expect(byId.get(acked.id), `issue ${acked.id}`).toEqual({ id: acked.id, version: acked.version, status: acked.status });
      }
      const evidence = await sql.query<{ id: string; issueId: string }>(`SELECT id, "issueId" FROM evidence WHERE id = ANY($1)`, [[...ledger.evidence.keys()]]);
      expect(new Map(evidence.map((row) => [row.id, row.issueId]))).toEqual(ledger.evidence);
      const moves = await sql.query<{ issueId: string; version: number; status: string; rationale: string }>(`
        SELECT "entityId" AS "issueId", (after->>'version')::int AS version, after->>'status' AS status, after->>'rationale' AS rationale
        FROM event WHERE "entityType" = 'issue' AND action = 'status_changed'`);
      const recorded = new Set(moves.map((m) => JSON.stringify([m.issueId, m.version, m.status, m.rationale])));
      const missing = ledger.moves.filter((m) => !recorded.has(JSON.stringify([m.issueId, m.version, m.status, m.rationale])));
      expect(missing, "acknowledged status moves without their event").toEqual([]);
      expect(await historyProblems(sql, { seededDocuments })).toEqual([]);
    } finally {
      await sql.close();
    }
  });
});

const isConnectionError = (error: unknown) => ["ECONNRESET", "ECONNREFUSED", "EPIPE"].includes((error as NodeJS.ErrnoException).code ?? "");

/**
 * Every acknowledged write, read back through the API: each issue at its acknowledged version (one
 * more only if a move of it was in flight when the server died), its acknowledged evidence included.
 */
async function checkAcknowledged(url: string, cookie: string, ledger: Ledger, inFlight: Set<string>) {
  const clients = Array.from({ length: 4 }, () => new ApiClient(url, cookie));
  try {
    const problems = await inParallel([...ledger.issues.values()], clients.length, async (acked, index) => {
      const reply = await clients[index % clients.length]!.get<IssueView>(`/api/issues/${acked.id}`);
      if (reply.status !== 200) return `issue ${acked.id}: ${reply.status}`;
      const seen = reply.json;
      const slack = inFlight.has(acked.id) ? 1 : 0;
      if (seen.version < acked.version || seen.version > acked.version + slack) return `issue ${acked.id}: version ${seen.version}, acknowledged ${acked.version}`;
      if (seen.version === acked.version && seen.status !== acked.status) return `issue ${acked.id}: status ${seen.status}, acknowledged ${acked.status}`;
      const ids = new Set(seen.evidence.map((e) => e.id));
      const lost = [...acked.evidence].filter((id) => !ids.has(id));
      return lost.length ? `issue ${acked.id}: acknowledged evidence missing: ${lost.join(", ")}` : null;
    });
    expect(problems.filter(Boolean)).toEqual([]);
  } finally {
    for (const client of clients) client.close();
  }
}
