import type { Role } from "@/lib/generated/prisma/enums";

// viewer: read and export; analyst: create and edit; admin: members, tokens, delete.
const rank: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export const roles = ["viewer", "analyst", "admin"] as const satisfies readonly Role[];

export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}
