import { z } from "zod";
import { roles } from "@/lib/auth/roles";
import { isoDate, shortText } from "./common";

export const roleSchema = z.enum(roles);

/** A member as an issue's owner, a comment's author or a mention names them. */
export const personSchema = z.object({ id: z.string().describe("The user id"), name: z.string(), email: z.string() });
export type Person = z.infer<typeof personSchema>;

export const memberSchema = z.object({
  id: z.string().describe("The membership id"),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
  you: z.boolean(),
});
export type MemberView = z.infer<typeof memberSchema>;

export const changeRoleSchema = z.strictObject({ role: roleSchema });

export const createInvitationSchema = z.strictObject({
  email: z.email().max(320).transform((e) => e.toLowerCase()),
  role: roleSchema.default("viewer"),
});
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.string(),
  createdAt: z.string(),
  /** Only in the response that creates it: the link to hand to the invitee (no mail server needed). */
  link: z.string().optional(),
});
export type InvitationView = z.infer<typeof invitationSchema>;

/** A new person chooses a name and password; someone with an account signs in first and sends the token only. */
export const acceptInvitationSchema = z.strictObject({
  token: z.string().min(10).max(200),
  name: shortText(200).min(1).optional(),
  password: z.string().min(12, "Use at least 12 characters").max(200).optional(),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const createApiTokenSchema = z.strictObject({
  name: shortText(100).min(1),
  role: roleSchema.default("viewer"),
  expiresAt: isoDate.nullable().default(null),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  status: z.enum(["active", "revoked", "expired"]),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Only in the response that creates it: shown once, stored hashed. */
  token: z.string().optional(),
});
export type ApiTokenView = z.infer<typeof apiTokenSchema>;

export const teamSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema, current: z.boolean() });
export const switchTeamSchema = z.strictObject({ teamId: z.string().min(1).max(64) });

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(200).optional(),
  entity: z.string().trim().max(50).optional(),
  action: z.string().trim().max(50).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
