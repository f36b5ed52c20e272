import { ENTRY_TYPES } from "@/lib/sanctions/entry";
import { entityTypeLabels } from "@/lib/ui/entity-labels";

/** The options of an entity-type select: the filter, the create form and the edit form. */
export function EntityTypeOptions() {
  return ENTRY_TYPES.map((type) => (
    <option key={type} value={type}>
      {entityTypeLabels[type]}
    </option>
  ));
}
