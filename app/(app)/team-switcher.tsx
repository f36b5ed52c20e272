"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/query/api";

type Team = { id: string; name: string; role: string; current: boolean };

/** For people in several teams: which team's data they are working on. */
export function TeamSwitcher({ teams }: { teams: Team[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const current = teams.find((t) => t.current);
  if (teams.length < 2) return <span>{current?.name}</span>;
  return (
    <label className="team-switcher">
      <span className="visually-hidden">Team</span>
      <select
        value={current?.id}
        disabled={pending}
        onChange={async (event) => {
          setPending(true);
          await apiFetch("/api/teams/switch", { method: "POST", body: { teamId: event.target.value } });
          router.push("/");
          router.refresh();
          setPending(false);
        }}
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name} ({team.role})
          </option>
        ))}
      </select>
    </label>
  );
}
