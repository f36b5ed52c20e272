import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { hashApiToken } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";
import type { ApiTokenView, CreateApiTokenInput } from "@/lib/validation/team";
import { recordEvent } from "./events";

type TokenRow = { id: string; name: string; role: ApiTokenView["role"]; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null; createdAt: Date };

function toView(row: TokenRow, now = new Date()): ApiTokenView {
  const status = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    status,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "desc" } });
  return rows.map((row) => toView(row));
}

/** Creates a token for scripts. The secret is returned this once; only its hash is kept. */
export async function createApiToken(actor: Actor, input: CreateApiTokenInput): Promise<ApiTokenView> {
  const token = `sw_${randomBytes(32).toString("base64url")}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { teamId: actor.teamId, name: input.name, role: input.role, expiresAt: input.expiresAt, tokenHash: hashApiToken(token), createdById: actor.userId },
    });
    await recordEvent(tx, actor, { entityType: "token", entityId: created.id, action: "token_created", after: { name: input.name, role: input.role, expiresAt: input.expiresAt } });
    return created;
  });
  return { ...toView(row), token };
}

export async function revokeApiToken(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, teamId: actor.teamId, revokedAt: null } });
    if (!token) throw notFound("Active token");
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordEvent(tx, actor, { entityType: "token", entityId: id, action: "token_revoked", before: { name: token.name, role: token.role } });
  });
}
