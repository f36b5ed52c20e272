import { roles } from "@/lib/auth/roles";

/** The roles as <option>s, lowest first, for every role picker on the team page. */
export function RoleOptions() {
  return roles.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
}
