import "server-only";
import type { listAuditEvents } from "@/lib/services/audit";
import type { acceptInvitation } from "@/lib/services/invitations";
import type { listMyTeams } from "@/lib/services/teams";
import { eventSchema } from "@/lib/validation/issues";
import { pageOf } from "@/lib/validation/common";
import { teamBackupSchema } from "@/lib/validation/backup";
import { apiTokenSchema, invitationSchema, memberSchema, teamSchema } from "@/lib/validation/team";
import { z } from "zod";
import { component, itemsOf, jsonContent, type Fits, type OpenApiKit, type Result } from "../kit";
import * as adminBackupRoute from "@/app/api/admin/backup/route";
import * as adminRestoreRoute from "@/app/api/admin/restore/route";
import * as auditRoute from "@/app/api/audit/route";
import * as invitationsAcceptRoute from "@/app/api/invitations/accept/route";
import * as teamInvitationsByIdRoute from "@/app/api/team/invitations/[id]/route";
import * as teamInvitationsRoute from "@/app/api/team/invitations/route";
import * as teamMembersByIdRoute from "@/app/api/team/members/[id]/route";
import * as teamMembersRoute from "@/app/api/team/members/route";
import * as teamTokensByIdRoute from "@/app/api/team/tokens/[id]/route";
import * as teamTokensRoute from "@/app/api/team/tokens/route";
import * as teamsRoute from "@/app/api/teams/route";
import * as teamsSwitchRoute from "@/app/api/teams/switch/route";

// Members, invitations, API tokens, teams, the audit log, and a team's backup and restore.

const auditPageSchema = pageOf(
  eventSchema.extend({
    count: z.number().int().min(1).meta({ description: "How often the event occurred: a security event's repeats within 15 minutes are counted, not logged one by one" }),
    lastAt: z.string().meta({ description: "When it last occurred (`at` for a single occurrence)" }),
  }),
);
const acceptedInvitationSchema = z.object({ email: z.string(), teamId: z.string() });
const switchedTeamSchema = z.object({ teamId: z.string() });
void (true satisfies Fits<Result<typeof listAuditEvents>, z.infer<typeof auditPageSchema>>);
void (true satisfies Fits<Result<typeof acceptInvitation>, z.infer<typeof acceptedInvitationSchema>>);
void (true satisfies Fits<{ items: Result<typeof listMyTeams> }, z.infer<ReturnType<typeof itemsOf<typeof teamSchema>>>>);

export function registerTeam(kit: OpenApiKit) {
  const { operation, ok, created, noContent } = kit;
  const AcceptedInvitation = component("AcceptedInvitation", acceptedInvitationSchema);
  const ApiToken = component("ApiToken", apiTokenSchema);
  const ApiTokenList = component("ApiTokenList", itemsOf(apiTokenSchema));
  const AuditPage = component("AuditPage", auditPageSchema);
  const Invitation = component("Invitation", invitationSchema);
  const InvitationList = component("InvitationList", itemsOf(invitationSchema));
  const Member = component("Member", memberSchema);
  const MemberList = component("MemberList", itemsOf(memberSchema));
  const RestoredTeam = component("RestoredTeam", z.object({ teamId: z.string(), name: z.string(), counts: z.record(z.string(), z.number().int()) }));
  const SwitchedTeam = component("SwitchedTeam", switchedTeamSchema);
  const TeamBackup = component("TeamBackup", teamBackupSchema, "A team's data: categories, sources, captures, documents, issues, evidence, history, briefings, tracked entities and their links, hits with their decisions, and comments.");
  const TeamList = component("TeamList", itemsOf(teamSchema));
  operation({
    method: "get",
    path: "/api/admin/backup",
    operationId: "backupTeam",
    tag: "Team",
    summary: "The team's data as a versioned JSON file (an attachment)",
    route: adminBackupRoute.GET,
    responses: { 200: ok("The backup", TeamBackup) },
  });
  operation({
    method: "post",
    path: "/api/admin/restore",
    operationId: "restoreTeam",
    tag: "Team",
    summary: "Restore a team backup into a new, empty team (fresh ids; up to 320 MB)",
    description: "You become the new team's admin; switch to it with POST /api/teams/switch.",
    route: adminRestoreRoute.POST,
    body: { json: TeamBackup, description: "A file from GET /api/admin/backup" },
    responses: { 201: ok("The new team", RestoredTeam) },
  });
  operation({
    method: "get",
    path: "/api/audit",
    operationId: "listAuditEvents",
    tag: "Team",
    summary: "The team's event log, filtered; `format=csv` downloads it",
    route: auditRoute.GET,
    responses: {
      200: {
        description: "A page of events, newest first (JSON), or every matching event up to 50,000 (CSV, as an attachment)",
        content: { ...jsonContent(AuditPage), "text/csv": { schema: z.string().meta({ contentMediaType: "text/csv" }) } },
      },
    },
  });
  operation({
    method: "get",
    path: "/api/team/members",
    operationId: "listMembers",
    tag: "Team",
    summary: "The current team's members and their roles",
    route: teamMembersRoute.GET,
    responses: { 200: ok("The members", MemberList) },
  });
  operation({
    method: "patch",
    path: "/api/team/members/{id}",
    operationId: "changeRole",
    tag: "Team",
    summary: "Change a member's role",
    description: "The team keeps at least one admin.",
    route: teamMembersByIdRoute.PATCH,
    id: "membership",
    body: { id: "ChangeRole", description: "The new role" },
    responses: { 200: ok("The member", Member) },
    errors: { conflict: "The team needs at least one other admin first" },
  });
  operation({
    method: "delete",
    path: "/api/team/members/{id}",
    operationId: "removeMember",
    tag: "Team",
    summary: "Remove a member; their sessions end at once",
    route: teamMembersByIdRoute.DELETE,
    id: "membership",
    responses: { 204: noContent },
    errors: { conflict: "The team needs at least one other admin first" },
  });
  operation({
    method: "get",
    path: "/api/team/invitations",
    operationId: "listInvitations",
    tag: "Team",
    summary: "Invitations sent by the team's admins, with their status",
    route: teamInvitationsRoute.GET,
    responses: { 200: ok("The invitations", InvitationList) },
  });
  operation({
    method: "post",
    path: "/api/team/invitations",
    operationId: "createInvitation",
    tag: "Team",
    summary: "Invite someone by email",
    description: "The response holds the link to hand to the invitee, shown once (no mail is sent).",
    route: teamInvitationsRoute.POST,
    body: { id: "CreateInvitation", description: "Who, and with which role" },
    responses: { 201: created("The invitation, with its `link`", Invitation) },
    errors: { conflict: "This person is already a member of the team" },
  });
  operation({
    method: "delete",
    path: "/api/team/invitations/{id}",
    operationId: "revokeInvitation",
    tag: "Team",
    summary: "Revoke a pending invitation",
    route: teamInvitationsByIdRoute.DELETE,
    id: "invitation",
    responses: { 204: noContent },
  });
  operation({
    method: "post",
    path: "/api/invitations/accept",
    operationId: "acceptInvitation",
    tag: "Team",
    summary: "Join a team with an invitation link's token",
    description: "Creates the account, or adds the team to the signed-in one. Then sign in with the email and password.",
    route: invitationsAcceptRoute.POST,
    body: { id: "AcceptInvitation", description: "The invitation token and the new account's name and password" },
    responses: { 201: created("Joined", AcceptedInvitation) },
    errors: {
      not_found: "The invitation is no longer valid (used, revoked or expired)",
      conflict: "An account with the invited email exists: sign in as it, then accept again",
    },
  });
  operation({
    method: "get",
    path: "/api/team/tokens",
    operationId: "listApiTokens",
    tag: "Team",
    summary: "The team's API tokens (never their secrets)",
    route: teamTokensRoute.GET,
    responses: { 200: ok("The tokens", ApiTokenList) },
  });
  operation({
    method: "post",
    path: "/api/team/tokens",
    operationId: "createApiToken",
    tag: "Team",
    summary: "Create an API token with a role and an optional expiry",
    description: "The secret (`token`) is in this response only; it is stored hashed.",
    route: teamTokensRoute.POST,
    body: { id: "CreateApiToken", description: "The token's name, role and expiry" },
    responses: { 201: created("The token, with its secret", ApiToken) },
  });
  operation({
    method: "delete",
    path: "/api/team/tokens/{id}",
    operationId: "revokeApiToken",
    tag: "Team",
    summary: "Revoke an API token; it stops working at once",
    route: teamTokensByIdRoute.DELETE,
    id: "token",
    responses: { 204: noContent },
  });
  operation({
    method: "get",
    path: "/api/teams",
    operationId: "listMyTeams",
    tag: "Team",
    summary: "The teams you belong to, the current one marked",
    description: "With an API token: only the token's team.",
    route: teamsRoute.GET,
    responses: { 200: ok("The teams", TeamList) },
  });
  operation({
    method: "post",
    path: "/api/teams/switch",
    operationId: "switchTeam",
    tag: "Team",
    summary: "Work in another of your teams",
    description: "Sets the team cookie for the browser session; an API token stays with its team (404).",
    route: teamsSwitchRoute.POST,
    body: { id: "SwitchTeam", description: "The team to switch to" },
    responses: {
      200: ok("Switched", SwitchedTeam, { "Set-Cookie": { description: "`sanctions-watch.team=<teamId>; HttpOnly; SameSite=Lax`", schema: { type: "string" } } }),
    },
    errors: { not_found: "You are not a member of that team (or you use an API token)" },
  });
}
