import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { notificationsAtom } from "@/lib/notifications/atom";
import type { FeedTokenView } from "@/lib/validation/email";

// The personal Atom feed of one's notifications in a team (issue 15), for feed readers that cannot sign in: the
// URL carries a random token; only its SHA-256 is kept, so a leaked database does not leak feeds. Making a new
// one replaces the old; deleting revokes it.

const FEED_ENTRIES = 50;
const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const feedUrl = (token: string) => `${env().appUrl}/api/notifications/feed.atom?token=${token}`;

function personOf(actor: Actor): string {
  if (!actor.userId) throw new AppError("forbidden", "A notification feed belongs to a person; this API token has none");
  return actor.userId;
}

/** A new feed URL for the actor in this team, shown this once; any earlier one stops working. */
export async function createFeedToken(actor: Actor): Promise<FeedTokenView> {
  const userId = personOf(actor);
  const token = `swf_${randomBytes(32).toString("base64url")}`;
  const tokenHash = hashFeedToken(token);
  const row = await db.notificationFeedToken.upsert({
    where: { userId_teamId: { userId, teamId: actor.teamId } },
    create: { userId, teamId: actor.teamId, tokenHash },
    update: { tokenHash, createdAt: new Date(), lastUsedAt: null },
  });
  return { url: feedUrl(token), createdAt: row.createdAt.toISOString() };
}

export async function revokeFeedToken(actor: Actor): Promise<void> {
  const userId = personOf(actor);
  const { count } = await db.notificationFeedToken.deleteMany({ where: { userId, teamId: actor.teamId } });
  if (count === 0) throw notFound("Feed");
}

/** The feed's XML for a token; not_found for a wrong or revoked one (and for someone who left the team). */
export async function notificationFeed(token: string | undefined): Promise<string> {
  if (!token) throw notFound("Feed");
  const row = await db.notificationFeedToken.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { id: true, userId: true, teamId: true, team: { select: { name: true } } },
  });
  const member = row && (await db.membership.findFirst({ where: { userId: row.userId, teamId: row.teamId }, select: { id: true } }));
  if (!row || !member) throw notFound("Feed");
  const [entries] = await Promise.all([
    db.notification.findMany({
      where: { userId: row.userId, teamId: row.teamId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: FEED_ENTRIES,
      select: { id: true, title: true, summary: true, link: true, createdAt: true },
    }),
    db.notificationFeedToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }),
  ]);
  return notificationsAtom({ feedId: row.id, title: `Sanctions Watch notifications: ${row.team.name}`, appUrl: env().appUrl, updated: new Date(0) }, entries);
}
