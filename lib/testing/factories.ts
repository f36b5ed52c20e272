import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { hashApiToken } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { defaultCategories } from "@/lib/domain/categories";
import type { Role } from "@/lib/generated/prisma/enums";
import { createIssue } from "@/lib/services/issues";
import type { CreateIssueInput } from "@/lib/validation/issues";

// Test data built through the same services the app uses. Every test creates its own team and
// removes it afterwards (purgeTeam), so tests never see each other's rows on a shared PostgreSQL.

export type TestTeam = {
  teamId: string;
  actors: Record<Role, Actor>;
  /** Bearer tokens, one per role. */
  tokens: Record<Role, string>;
};

export async function createTestTeam(name = "Test team"): Promise<TestTeam> {
  const suffix = randomUUID().slice(0, 8);
  const team = await db.team.create({ data: { name: `${name} ${suffix}`, slug: `test-${suffix}` } });
  await db.category.createMany({ data: defaultCategories.map((c) => ({ ...c, teamId: team.id })) });
  const actors = {} as Record<Role, Actor>;
  const tokens = {} as Record<Role, string>;
  for (const role of ["viewer", "analyst", "admin"] as const) {
    const user = await db.user.create({ data: { id: randomUUID(), email: `${role}-${suffix}@example.test`, name: `Test ${role}` } });
    await db.membership.create({ data: { teamId: team.id, userId: user.id, role } });
    const token = `sw_test_${randomBytes(16).toString("hex")}`;
    await db.apiToken.create({ data: { teamId: team.id, name: `${role} token`, role, tokenHash: hashApiToken(token), createdById: user.id } });
    actors[role] = { kind: "user", userId: user.id, tokenId: null, label: `Test ${role}`, teamId: team.id, teamName: team.name, role };
    tokens[role] = token;
  }
  return { teamId: team.id, actors, tokens };
}

/** Removes a team and everything in it, its history included (the one sanctioned deletion of events). */
export async function purgeTeam(teamId: string) {
  const members = await db.membership.findMany({ where: { teamId }, select: { userId: true } });
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('sanctions_watch.purge', 'on', true)`;
    await tx.team.delete({ where: { id: teamId } });
    await tx.user.deleteMany({ where: { id: { in: members.map((m) => m.userId) }, memberships: { none: {} } } });
  });
}

export function issueInput(overrides: Partial<CreateIssueInput> = {}): CreateIssueInput {
  return {
    title: "Export controls on machine tools",
    summary: "",
    category: "dual-use-technology",
    status: "monitoring",
    likelihood: "roughly_even_chance",
    impact: 3,
    jurisdictions: ["CN"],
    actors: [],
    hsCodes: ["8457"],
    tags: [],
    ownerId: null,
    ...overrides,
  };
}

export async function createTestIssue(actor: Actor, overrides: Partial<CreateIssueInput> = {}) {
  return createIssue(actor, issueInput(overrides));
}
