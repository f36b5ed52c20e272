import { formatDate } from "@/lib/ui/format";
import type { Designation } from "@/lib/validation/entities";

/** An entity's confirmed designations: list, programs and since when (entities table, issue page). */
export function DesignationList({ designations, className = "inline-list" }: { designations: Designation[]; className?: string }) {
  return (
    <ul className={className}>
      {designations.map((d) => (
        <li key={d.hitId}>
          {d.list}: {d.programs.join(", ") || "no program"} · since {formatDate(d.since)}
        </li>
      ))}
    </ul>
  );
}
