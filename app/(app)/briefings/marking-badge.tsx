import type { BriefingMarking } from "@/lib/briefings/snapshot";

/** A TLP marking as FIRST draws it: coloured text on black, and always the words, never colour alone. */
export function MarkingBadge({ marking }: { marking: BriefingMarking }) {
  const tone = marking.slice("TLP:".length).toLowerCase().replace("+", "-");
  return <span className={`marking marking-${tone}`}>{marking}</span>;
}
