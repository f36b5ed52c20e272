import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { effectivePreferences } from "@/lib/notifications/email-preferences";
import type { EmailPreferencesView, SetEmailPreferencesInput } from "@/lib/validation/email";
import { emailEnabled } from "./mailer";

// A person's email settings (issue 15): per kind of notification, at once, in a daily or weekly digest, or off.

function personOf(actor: Actor): string {
  if (!actor.userId) throw new AppError("forbidden", "Email settings belong to a person; this API token has none");
  return actor.userId;
}

export async function getEmailPreferences(actor: Actor): Promise<EmailPreferencesView> {
  const userId = personOf(actor);
  const [chosen, team, feed] = await Promise.all([
    db.emailPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } }),
    db.team.findUniqueOrThrow({ where: { id: actor.teamId }, select: { timeZone: true } }),
    db.notificationFeedToken.findUnique({ where: { userId_teamId: { userId, teamId: actor.teamId } }, select: { createdAt: true, lastUsedAt: true } }),
  ]);
  return {
    emailEnabled: emailEnabled(),
    email: effectivePreferences(chosen),
    timeZone: team.timeZone,
    feed: feed ? { createdAt: feed.createdAt.toISOString(), lastUsedAt: feed.lastUsedAt?.toISOString() ?? null } : null,
  };
}

/** Sets the kinds named (the others keep theirs), all in one transaction. */
export async function setEmailPreferences(actor: Actor, input: SetEmailPreferencesInput): Promise<EmailPreferencesView> {
  const userId = personOf(actor);
  await db.$transaction(
    Object.entries(input.email).map(([kind, delivery]) =>
      db.emailPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, delivery: delivery! }, update: { delivery: delivery! } }),
    ),
  );
  return getEmailPreferences(actor);
}
