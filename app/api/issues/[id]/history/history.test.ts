import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/services/comments";
import { createEntity } from "@/lib/services/entities/entities";
import { recordSystemEvents } from "@/lib/services/events";
import { updateIssue } from "@/lib/services/issues";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import { createEntitySchema } from "@/lib/validation/entities";
import * as history from "./route";

// An issue's timeline a page at a time (issue 17: the busiest bench issue has thousands of events).

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
let issueId: string;
beforeAll(async () => {
  team = await createTestTeam();
  other = await createTestTeam("Other team");
  const issue = await createTestIssue(team.actors.analyst);
  issueId = issue.id;
  for (let version = 1; version <= 4; version++) await updateIssue(team.actors.analyst, issueId, version, { summary: `Summary, take ${version}` });
  await addComment(team.actors.analyst, { issueId }, { body: "Treasury's statement is due on Friday." });
  // A hit on an entity tracked as one of its actors, and one on an entity it does not track.
  const tracked = await createEntity(team.actors.analyst, createEntitySchema.parse({ type: "organization", name: "Keremet Bank", issueIds: [issueId] }));
  const untracked = await createEntity(team.actors.analyst, createEntitySchema.parse({ type: "organization", name: "Tinkoff Bank" }));
  await recordSystemEvents(db, "Screening", [
    { teamId: team.teamId, entityType: "hit", entityId: "hit-1", action: "hit_found", after: { entityId: tracked.id } },
    { teamId: team.teamId, entityType: "hit", entityId: "hit-2", action: "hit_found", after: { entityId: untracked.id } },
  ]);
  // Another issue of the team: none of its events belong here.
  const elsewhere = await createTestIssue(team.actors.analyst);
  await addComment(team.actors.analyst, { issueId: elsewhere.id }, { body: "Not about this issue." });
  await createTestIssue(other.actors.analyst);
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const get = (query: string, token = team.tokens.viewer, id = issueId) =>
  call(history.GET, "GET", `/api/issues/${id}/history${query}`, { token, params: { id } });

type Page = { items: { id: string; action: string; entityType: string; entityId: string }[]; more: boolean };

describe("GET /api/issues/{id}/history", () => {
  it("without a limit, answers the whole timeline oldest first: the issue, its comments and its actors' hits", async () => {
    const response = await get("");
    expect(response.status).toBe(200);
    const page = response.json as Page;
    expect(page.more).toBe(false);
    expect(page.items.map((e) => e.action)).toEqual(["created", "updated", "updated", "updated", "updated", "commented", "hit_found"]);
    expect(page.items.at(-1)).toMatchObject({ entityType: "hit", entityId: "hit-1" });
  });

  it("pages newest first with limit and before, without gaps or overlaps", async () => {
    const whole = ((await get("")).json as Page).items.map((e) => e.id);
    const pages: Page[] = [];
    let query = "?limit=3";
    for (;;) {
      const page = (await get(query)).json as Page;
      pages.push(page);
      if (!page.more) break;
      query = `?limit=3&before=${page.items[0]!.id}`;
    }
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.more)).toEqual([true, true, false]);
    expect(pages.reverse().flatMap((p) => p.items.map((e) => e.id))).toEqual(whole);
  });

  it("refuses a bad limit and an unknown or another team's event, and another team's issue", async () => {
    expect((await get("?limit=0")).status).toBe(422);
    expect((await get("?limit=501")).status).toBe(422);
    expect((await get("?limit=lots")).status).toBe(422);
    const unknown = await get("?limit=3&before=no-such-event");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: "not_found" });
    const theirs = await db.event.findFirstOrThrow({ where: { teamId: other.teamId }, select: { id: true } });
    expect((await get(`?limit=3&before=${theirs.id}`)).status).toBe(404);
    expect((await get("", other.tokens.viewer)).status).toBe(404);
  });
});
