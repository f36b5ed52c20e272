import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { deleteIssue, restoreIssue, updateIssue } from "./issues";
import { issuesToMatch } from "./issues-to-match";

// The issues every analysis and feed poll matches against are kept between calls (issue 16: reading a
// 10,000-issue watchlist cost as much as analysing the document). Kept, but never stale: each way an issue
// changes is seen by the next call.

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
beforeAll(async () => {
  team = await createTestTeam("Matching team");
  other = await createTestTeam("Other matching team");
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const titles = async (teamId: string) => (await issuesToMatch(teamId)).map((i) => i.title).sort();

describe("issuesToMatch", () => {
  it("keeps the list while nothing changes, and sees every change of an issue", async () => {
    const analyst = team.actors.analyst;
    const first = await createTestIssue(analyst, { title: "Chips to Russia", tags: ["microcontrollers"] });
    const kept = await issuesToMatch(team.teamId);
    expect(kept.map((i) => ({ title: i.title, tags: i.tags, categorySlug: i.categorySlug }))).toEqual([{ title: "Chips to Russia", tags: ["microcontrollers"], categorySlug: first.category.slug }]);
    expect(await issuesToMatch(team.teamId)).toBe(kept);

    const second = await createTestIssue(analyst, { title: "Banks in Kyrgyzstan" });
    expect(await titles(team.teamId)).toEqual(["Banks in Kyrgyzstan", "Chips to Russia"]);

    const edited = await updateIssue(analyst, first.id, first.version, { tags: ["microcontrollers", "FPGAs"] });
    expect((await issuesToMatch(team.teamId)).find((i) => i.id === first.id)!.tags).toEqual(["microcontrollers", "FPGAs"]);

    await deleteIssue(analyst, edited.id, edited.version);
    expect(await titles(team.teamId)).toEqual(["Banks in Kyrgyzstan"]);
    await restoreIssue(team.actors.admin, edited.id);
    expect(await titles(team.teamId)).toEqual(["Banks in Kyrgyzstan", "Chips to Russia"]);

    await db.issue.delete({ where: { id: second.id } });
    expect(await titles(team.teamId)).toEqual(["Chips to Russia"]);
  });

  it("keeps each team's list apart", async () => {
    await createTestIssue(other.actors.analyst, { title: "Engines for drones" });
    expect(await titles(other.teamId)).toEqual(["Engines for drones"]);
    expect(await titles(team.teamId)).not.toContain("Engines for drones");
  });
});
