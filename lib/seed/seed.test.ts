import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { purgeTeam } from "@/lib/testing/factories";
import { demoIssues, demoTeam } from "./demo-data";
import { seedTrackedEntities } from "./entities";
import { seedSanctionsList } from "./sanctions-list";
import { readReferenceArticle, seedDemoTeam } from "./seed";

withTestDatabase();

async function counts(teamId: string) {
  const where = { teamId };
  return {
    issues: await db.issue.count({ where }),
    categories: await db.category.count({ where }),
    sources: await db.source.count({ where }),
    documents: await db.document.count({ where }),
    evidence: await db.evidence.count({ where }),
    events: await db.event.count({ where }),
    members: await db.membership.count({ where }),
  };
}

describe("seed", () => {
  afterAll(async () => {
    const team = await db.team.findUnique({ where: { slug: demoTeam.slug } });
    if (team) await purgeTeam(team.id);
  });

  it("creates the demo team with the reference article as evidence for all four issues, and is idempotent", async () => {
    await seedDemoTeam();
    const team = await db.team.findUniqueOrThrow({ where: { slug: demoTeam.slug } });
    const first = await counts(team.id);
    expect(first).toMatchObject({ issues: 4, categories: 5, documents: 1, evidence: 4, members: 1 });

    await seedDemoTeam();
    expect(await counts(team.id)).toEqual(first);

    const text = readReferenceArticle();
    const evidence = await db.evidence.findMany({ where: { teamId: team.id }, include: { issue: true } });
    expect(evidence.map((e) => e.issue.title).sort()).toEqual(demoIssues.map((i) => i.title).sort());
    for (const e of evidence) expect(text.slice(e.quoteStart, e.quoteEnd)).toBe(e.quote);

    const admin = await db.membership.findFirstOrThrow({ where: { teamId: team.id, role: "admin" }, select: { userId: true } });
    const owners = await db.issue.findMany({ where: { teamId: team.id }, select: { ownerId: true } });
    expect(owners.map((i) => i.ownerId)).toEqual(owners.map(() => admin.userId));
  });
});

describe("the demo's sanctions list", () => {
  // Its own list name: on PostgreSQL other test files import lists into the same database at the same time.
  const list = `seed-sdn-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await db.sanctionsList.deleteMany({ where: { slug: list } });
    const team = await db.team.findUnique({ where: { slug: demoTeam.slug } });
    if (team) await purgeTeam(team.id);
  });

  it("imports the OFAC SDN release of 26 April 2024 once", async () => {
    expect(await seedSanctionsList(list)).toBe("Imported the OFAC SDN release of 26 April 2024 (14,668 entries).");
    expect(await seedSanctionsList(list)).toBe("The sanctions list is already imported.");
    const releases = await db.sanctionsRelease.findMany({ where: { list: { slug: list } } });
    expect(releases).toMatchObject([{ importedBy: "seed", entries: 14_668, publishedAt: new Date("2024-04-26T00:00:00Z") }]);
  }, 120_000);

  it("tracks four companies on the demo issues, screened at once: the one listed before May 2024 has a hit", async () => {
    await seedDemoTeam();
    expect(await seedTrackedEntities()).toMatch(/^Tracking 4 entities on the demo issues/);
    expect(await seedTrackedEntities()).toBe("The demo team already tracks entities.");
    const team = await db.team.findUniqueOrThrow({ where: { slug: demoTeam.slug } });
    const entities = await db.entity.findMany({ where: { teamId: team.id }, include: { issues: true, hits: { include: { list: true } } } });
    expect(entities).toHaveLength(4);
    for (const entity of entities) expect(entity.issues).toHaveLength(1);
    const chinaHead = entities.find((entity) => entity.name.startsWith("China Head"))!;
    expect(chinaHead.hits.filter((hit) => hit.list.slug === list).map((hit) => hit.sourceId)).toEqual(["42075"]);
  }, 120_000);
});
