import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/auth";
import { AppError, notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { AcceptInvitationInput, CreateInvitationInput, InvitationView } from "@/lib/validation/team";
import { recordEvent } from "./events";

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

type InvitationRow = { id: string; email: string; role: InvitationView["role"]; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null; createdAt: Date };

function toView(row: InvitationRow, now = new Date()): InvitationView {
  const status = row.acceptedAt ? "accepted" : row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "pending";
  return { id: row.id, email: row.email, role: row.role, status, expiresAt: row.expiresAt.toISOString(), createdAt: row.createdAt.toISOString() };
}

export async function listInvitations(actor: Actor): Promise<InvitationView[]> {
  const rows = await db.invitation.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((row) => toView(row));
}

/**
 * Invites someone by email. There is no mail server: the admin gets the link (shown once) to pass on.
 * A new invitation to the same address replaces the pending one.
 */
export async function createInvitation(actor: Actor, input: CreateInvitationInput): Promise<InvitationView> {
  const token = randomBytes(32).toString("base64url");
  const row = await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { teamId: actor.teamId, user: { email: input.email } }, select: { id: true } });
    if (member) throw new AppError("conflict", `${input.email} is already a member of the team`);
    await tx.invitation.updateMany({ where: { teamId: actor.teamId, email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const invitation = await tx.invitation.create({
      data: { teamId: actor.teamId, email: input.email, role: input.role, tokenHash: hashToken(token), invitedById: actor.userId, expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS) },
    });
    await recordEvent(tx, actor, { entityType: "invitation", entityId: invitation.id, action: "member_invited", after: { email: input.email, role: input.role } });
    return invitation;
  });
  return { ...toView(row), link: `${env().appUrl}/invite/${token}` };
}

export async function revokeInvitation(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id, teamId: actor.teamId, acceptedAt: null, revokedAt: null } });
    if (!invitation) throw notFound("Pending invitation");
    await tx.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordEvent(tx, actor, { entityType: "invitation", entityId: id, action: "invitation_revoked", before: { email: invitation.email, role: invitation.role } });
  });
}

/**
 * A pending invitation by its token, for the invitation page; anything else is "not found". It does not
 * say whether the address has an account: the admin who made the link could open it and learn that
 * about anyone, without a trace. The invited person knows, and the page offers both ways.
 */
export async function findPendingInvitation(token: string) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { team: { select: { name: true } } } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return { email: invitation.email, role: invitation.role, teamName: invitation.team.name };
}

/**
 * Accepts an invitation. A new person gets an account with the password they chose; someone who has an
 * account already must be signed in as that address (the invitation must not reset their password).
 * Whoever is not signed in as the address must give a name and a password before anything else is
 * said, so a bare link answers the same whether the address has an account or not. (Giving them still
 * tells, as it must: only a new address gets an account; but then that address really joins the team,
 * which the team's history shows.)
 */
export async function acceptInvitation(input: AcceptInvitationInput, signedInUserId: string | null): Promise<{ email: string; teamId: string }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(input.token) } });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
      throw new AppError("not_found", "This invitation is no longer valid; ask your admin for a new link");
    }
    let user = await tx.user.findUnique({ where: { email: invitation.email } });
    const signedInAsInvited = user !== null && user.id === signedInUserId;
    if (!signedInAsInvited && (!input.name || !passwordHash)) {
      throw new AppError("validation_failed", "Choose your name and a password, or sign in first if you have an account", {
        fields: { ...(input.name ? {} : { name: ["Required"] }), ...(passwordHash ? {} : { password: ["Required"] }) },
      });
    }
    if (user && !signedInAsInvited) {
      throw new AppError("conflict", `An account for ${invitation.email} exists: sign in as ${invitation.email}, then open the link again`);
    }
    if (!user) {
      user = await tx.user.create({ data: { id: randomUUID(), email: invitation.email, name: input.name!, emailVerified: true } });
      await tx.account.create({ data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: passwordHash } });
    }
    await tx.membership.upsert({
      where: { teamId_userId: { teamId: invitation.teamId, userId: user.id } },
      update: {},
      create: { teamId: invitation.teamId, userId: user.id, role: invitation.role },
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    await recordEvent(tx, { kind: "user", userId: user.id, tokenId: null, label: user.name, teamId: invitation.teamId, teamName: "", role: invitation.role }, {
      entityType: "member",
      entityId: user.id,
      action: "member_joined",
      after: { email: invitation.email, role: invitation.role },
    });
    return { email: invitation.email, teamId: invitation.teamId };
  });
}

