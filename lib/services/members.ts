import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { cache } from "react";
import { db, type Tx } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { MemberView, Person } from "@/lib/validation/team";
import { recordEvent } from "./events";

export async function listMembers(actor: Actor): Promise<MemberView[]> {
  const rows = await db.membership.findMany({
    where: { teamId: actor.teamId },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((m) => ({ id: m.id, userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt.toISOString(), you: m.user.id === actor.userId }));
}

/** The team's members by name, for pickers (an issue's owner, @mentions). */
export function listPeople(actor: Actor): Promise<Person[]> {
  return peopleOfTeam(actor.teamId);
}

// Once per page render (the issue page's editor and its comments both need them); every call elsewhere.
const peopleOfTeam = cache(async (teamId: string): Promise<Person[]> => {
  const rows = await db.membership.findMany({ where: { teamId }, select: { user: { select: { id: true, name: true, email: true } } } });
  return rows.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
});

/** A team must keep at least one admin, or nobody could manage it again. */
async function assertAnotherAdmin(tx: Tx, teamId: string, membershipId: string) {
  const others = await tx.membership.count({ where: { teamId, role: "admin", id: { not: membershipId } } });
  if (others === 0) throw new AppError("conflict", "The team needs at least one other admin first");
}

export async function changeRole(actor: Actor, membershipId: string, role: Role): Promise<MemberView> {
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, teamId: actor.teamId }, include: { user: { select: { email: true } } } });
    if (!member) throw notFound("Member");
    if (member.role === role) return;
    if (member.role === "admin") await assertAnotherAdmin(tx, actor.teamId, membershipId);
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
    if (member.role === "admin") await revokeInvitationsBy(tx, actor.teamId, member.userId);
    await recordEvent(tx, actor, { entityType: "member", entityId: membershipId, action: "role_changed", before: { email: member.user.email, role: member.role }, after: { role } });
  });
  const members = await listMembers(actor);
  return members.find((m) => m.id === membershipId)!;
}

/**
 * Only admins invite: once someone is no longer an admin of the team, the links they handed out but
 * nobody used yet must stop working (an invitation carries its role, admin included).
 */
async function revokeInvitationsBy(tx: Tx, teamId: string, userId: string) {
  await tx.invitation.updateMany({ where: { teamId, invitedById: userId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * Removes a member from the team. Their sessions end at once (they sign in again to reach any other
 * team they belong to), and the team's tokens they created and the invitations they sent are revoked;
 * access is also checked against the membership on every request.
 */
export async function removeMember(actor: Actor, membershipId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, teamId: actor.teamId }, include: { user: { select: { id: true, email: true } } } });
    if (!member) throw notFound("Member");
    if (member.role === "admin") await assertAnotherAdmin(tx, actor.teamId, membershipId);
    await tx.membership.delete({ where: { id: membershipId } });
    await tx.session.deleteMany({ where: { userId: member.user.id } });
    await tx.apiToken.updateMany({ where: { teamId: actor.teamId, createdById: member.user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await revokeInvitationsBy(tx, actor.teamId, member.user.id);
    await recordEvent(tx, actor, { entityType: "member", entityId: membershipId, action: "member_removed", before: { email: member.user.email, role: member.role } });
  });
}
