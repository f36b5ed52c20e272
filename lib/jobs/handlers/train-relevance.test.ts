import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { dismissInboxItem } from "@/lib/services/inbox";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { dropTestQueues } from "@/lib/testing/queue";
import { stopQueue } from "../instance";
import { startQueue } from "../queue";
import { trainAllRelevanceJob, trainRelevanceJob } from "./train-relevance";

// The team's relevance model on the job queue (issue 16 item 1): a dismissal sends one training for the team, a
// burst of them still one, and the daily run sends one per team that has decided anything.

withTestDatabase();

let team: TestTeam;

beforeAll(async () => {
  team = await createTestTeam("Relevance jobs");
  await startQueue({ work: false, jobs: [trainRelevanceJob, trainAllRelevanceJob] });
}, 60_000);

afterAll(async () => {
  await dropTestQueues(trainRelevanceJob.name, trainAllRelevanceJob.name);
  await stopQueue();
  await purgeTeam(team.teamId);
});

const item = async () =>
  (await db.inboxItem.create({ data: { teamId: team.teamId, title: "Recipe of the week", text: "A soup of leeks.", contentHash: randomBytes(16).toString("hex") } })).id;

/** The trainings waiting for the team (sent without being awaited: looked for until they show). */
async function waitingTrainings(atLeast: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await db.$queryRaw<{ data: { teamId: string } }[]>`
      SELECT data FROM pgboss.job WHERE name = ${trainRelevanceJob.name} AND singleton_key = ${team.teamId} AND state = 'created'`;
    if (rows.length >= atLeast || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("relevance.train on the queue", () => {
  it("is sent for the team after a dismissal, once for a burst", async () => {
    await dismissInboxItem(team.actors.analyst, await item(), {});
    expect(await waitingTrainings(1)).toEqual([{ data: { teamId: team.teamId } }]);
    await dismissInboxItem(team.actors.analyst, await item(), {});
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await waitingTrainings(0)).toHaveLength(1);
  }, 30_000);

  it("runs daily, sending one per team with decisions", async () => {
    // The queue makes the schedule when it works (not here): its definition, in UTC.
    expect(trainAllRelevanceJob.schedule?.()).toEqual({ cron: "23 4 * * *", data: {} });
    const sent = (await trainAllRelevanceJob.handle({}, { id: "test" })) as { teams: number };
    expect(sent.teams).toBeGreaterThanOrEqual(1);
    expect(await waitingTrainings(1)).toHaveLength(1);
  }, 30_000);
});
