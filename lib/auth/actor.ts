import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { countHits, limits, verdictOf, windowOf } from "@/lib/auth/rate-limits";
import { getAuth } from "./auth";

/** Who is acting, for which team, with which role: what every service call is scoped by. */
export type Actor = {
  kind: "user" | "token";
  /** The signed-in user, or the user who created the token. */
  userId: string | null;
  tokenId: string | null;
  /** How the history names this actor: the user's name or "token: <name>". */
  label: string;
  teamId: string;
  teamName: string;
  role: Role;
};

/** A team the person acting belongs to, the one they act for marked `current` (the team switcher's list). */
export type MyTeam = { id: string; name: string; role: Role; current: boolean };

/** The actor, and the teams of the person behind it (a token acts for its own team only). */
export type SignedIn = { actor: Actor; teams: MyTeam[] };

type Membership = { teamId: string; teamName: string; role: Role };

/** A person's memberships with their teams' names, oldest first: one statement (Prisma's relation select made two). */
function membershipsOf(userId: string): Promise<Membership[]> {
  return db.$queryRaw<Membership[]>`
    SELECT m."teamId", t."name" AS "teamName", m."role"::text AS "role"
    FROM "membership" m JOIN "team" t ON t."id" = m."teamId"
    WHERE m."userId" = ${userId}
    ORDER BY m."createdAt" ASC`;
}

/** A person's teams, oldest membership first, the one they act for marked. */
export async function myTeamsOf(userId: string, currentTeamId: string): Promise<MyTeam[]> {
  return teamsOf(await membershipsOf(userId), currentTeamId);
}

const teamsOf = (memberships: Membership[], currentTeamId: string): MyTeam[] =>
  memberships.map((m) => ({ id: m.teamId, name: m.teamName, role: m.role, current: m.teamId === currentTeamId }));

/** The one team a token (or an actor without a person) acts for. */
export const onlyTeamOf = (actor: Actor): MyTeam[] => [{ id: actor.teamId, name: actor.teamName, role: actor.role, current: true }];

export const TEAM_COOKIE = "sanctions-watch.team";

/** Absolute session lifetime: however active, a session older than this must sign in again. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

type TokenRow = { id: string; name: string; role: Role; teamId: string; teamName: string; createdById: string | null; lastUsedAt: Date | null; uses: number };

/**
 * The actor behind a bearer token, or null when the token is unknown, revoked or expired, or its
 * owner is no longer in the team. A token acts with its own role capped by its owner's current one
 * (roles compare in the enum's order, viewer < analyst < admin): a token made by an admin who was
 * demoted since must not keep the admin's powers. The use is counted against the token's rate limit in the same statement, since it runs on every API
 * request (one round trip instead of three); past the limit, a 429.
 */
async function actorFromToken(token: string): Promise<Actor | null> {
  const now = Date.now();
  const limit = limits.tokenRequests;
  const window = windowOf(now, limit.windowMs);
  const [found] = await db.$queryRaw<TokenRow[]>`
    WITH token AS (
      SELECT t."id", t."name", LEAST(t."role", owner."role")::text AS "role", t."teamId", team."name" AS "teamName", t."createdById", t."lastUsedAt"
      FROM "api_token" t JOIN "team" team ON team."id" = t."teamId"
      JOIN "membership" owner ON owner."teamId" = t."teamId" AND owner."userId" = t."createdById"
      WHERE t."tokenHash" = ${hashApiToken(token)} AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > ${new Date(now)})
    ), used AS (${countHits(Prisma.sql`(SELECT 'token:' || "id" FROM token)`, window.start)})
    SELECT token.*, used."count" AS "uses" FROM token CROSS JOIN used`;
  if (!found) return null;
  const verdict = verdictOf(found.uses, limit, window.retryAfterSeconds);
  if (!verdict.allowed) {
    throw new AppError("rate_limited", `Too many requests with this token. Try again in ${verdict.retryAfterSeconds} seconds.`, undefined, {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
  // "Last used" to the minute is enough for admins, and saves a write on most requests.
  if (!found.lastUsedAt || now - found.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    kind: "token",
    userId: found.createdById,
    tokenId: found.id,
    label: `token: ${found.name}`,
    teamId: found.teamId,
    teamName: found.teamName,
    role: found.role,
  };
}

/**
 * The signed-in user's actor in their chosen team (the team cookie), else their oldest membership; and their teams,
 * read in the same statement (every page's navigation shows them).
 */
async function actorFromSession(headers: Headers): Promise<SignedIn | null> {
  const session = await (await getAuth()).api.getSession({ headers });
  if (!session) return null;
  if (Date.now() - new Date(session.session.createdAt).getTime() > SESSION_MAX_AGE_MS) {
    await db.session.deleteMany({ where: { id: session.session.id } });
    return null;
  }
  const memberships = await membershipsOf(session.user.id);
  const chosen = readCookie(headers.get("cookie"), TEAM_COOKIE);
  const membership = memberships.find((m) => m.teamId === chosen) ?? memberships[0];
  if (!membership) return null;
  const actor: Actor = {
    kind: "user",
    userId: session.user.id,
    tokenId: null,
    label: session.user.name || session.user.email,
    teamId: membership.teamId,
    teamName: membership.teamName,
    role: membership.role,
  };
  return { actor, teams: teamsOf(memberships, membership.teamId) };
}

/** Resolves the request's actor and their teams: a bearer token when one is sent, else the session cookie. */
export async function resolveSignedIn(headers: Headers): Promise<SignedIn | null> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const actor = await actorFromToken(authorization.slice(7).trim());
    return actor && { actor, teams: onlyTeamOf(actor) };
  }
  return actorFromSession(headers);
}

/** The request's actor alone, for API routes (GET /api/teams reads the teams itself). */
export async function resolveActor(headers: Headers): Promise<Actor | null> {
  return (await resolveSignedIn(headers))?.actor ?? null;
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
