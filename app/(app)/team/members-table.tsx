"use client";

import { apiFetch } from "@/lib/query/api";
import { formatDate } from "@/lib/ui/format";
import type { MemberView } from "@/lib/validation/team";
import { RoleOptions } from "./role-options";
import { useAction } from "./use-action";

export function MembersTable({ members, canManage }: { members: MemberView[]; canManage: boolean }) {
  const { run, pending, error } = useAction();
  return (
    <>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <td>
                  {member.name}
                  {member.you && <span className="muted"> (you)</span>}
                </td>
                <td>{member.email}</td>
                <td>
                  {canManage ? (
                    <select
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      disabled={pending}
                      onChange={(event) => run(() => apiFetch(`/api/team/members/${member.id}`, { method: "PATCH", body: { role: event.target.value } }))}
                    >
                      <RoleOptions />
                    </select>
                  ) : (
                    member.role
                  )}
                </td>
                <td>{formatDate(member.joinedAt)}</td>
                {canManage && (
                  <td>
                    {!member.you && (
                      <button
                        type="button"
                        className="button danger"
                        disabled={pending}
                        onClick={() => {
                          if (window.confirm(`Remove ${member.name} from the team? Their sessions end now.`)) {
                            void run(() => apiFetch(`/api/team/members/${member.id}`, { method: "DELETE" }));
                          }
                        }}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
