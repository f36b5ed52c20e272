import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { defineJob } from "./job";
import { openQueue } from "./queue";

// Two app instances on one PostgreSQL share the queue (DESIGN.md "Jobs"): each job runs once, and a singleton
// queue never runs two of its jobs at once. PGlite is one process's database: there is no second instance to have.
withTestDatabase();
const onPostgres = databaseKind() === "postgres";

const run = randomUUID().slice(0, 8);
const handledBy = new Map<string, string[]>();
let running = 0;
let mostAtOnce = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function jobsOf(instance: string) {
  const count = defineJob<{ n: number }>({
    name: `test.count-${run}`,
    handle: async (_data, { id }) => {
      handledBy.set(id, [...(handledBy.get(id) ?? []), instance]);
      await sleep(5);
    },
    batchSize: 20,
  });
  const single = defineJob<{ n: number }>({
    name: `test.single-${run}`,
    handle: async () => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await sleep(150);
      running--;
    },
    queue: { policy: "singleton" },
  });
  return [count, single];
}

describe.skipIf(!onPostgres)("two app instances on one PostgreSQL (skipped on PGlite: one process owns it)", () => {
  let a: PgBoss;
  let b: PgBoss;
  beforeAll(async () => {
    a = await openQueue({ jobs: jobsOf("a"), pollingIntervalSeconds: 0.5 });
    b = await openQueue({ jobs: jobsOf("b"), pollingIntervalSeconds: 0.5 });
  }, 60_000);
  afterAll(async () => {
    // Jobs first: pg-boss 10.4.2's deleteQueue fails while its queue holds any (lib/testing/queue.ts).
    for (const name of [`test.count-${run}`, `test.single-${run}`]) {
      await db.$executeRaw`DELETE FROM pgboss.job WHERE name = ${name}`;
      await a?.deleteQueue(name);
    }
    await Promise.all([a?.stop({ graceful: false }), b?.stop({ graceful: false })]);
  });

  async function settled(name: string) {
    const deadline = Date.now() + 40_000;
    while ((await a.getQueueSize(name, { before: "completed" })) > 0) {
      if (Date.now() > deadline) throw new Error(`${name}: jobs still waiting`);
      await sleep(250);
    }
  }

  it("hands each of many jobs to exactly one instance", async () => {
    const name = `test.count-${run}`;
    await a.insert(Array.from({ length: 300 }, (_, n) => ({ name, data: { n } })));
    await settled(name);
    expect(handledBy.size).toBe(300);
    expect([...handledBy.values()].filter((instances) => instances.length !== 1)).toEqual([]);
    const byA = [...handledBy.values()].filter(([instance]) => instance === "a").length;
    expect(byA, "both instances took jobs").toBeGreaterThan(0);
    expect(byA).toBeLessThan(300);
  }, 60_000);

  it("never runs two jobs of a singleton queue at once, across instances", async () => {
    const name = `test.single-${run}`;
    for (let n = 0; n < 8; n++) await b.send(name, { n });
    await settled(name);
    expect(await a.getQueueSize(name, { before: "completed" })).toBe(0);
    expect(mostAtOnce).toBe(1);
  }, 60_000);
});
