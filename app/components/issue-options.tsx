import { issueStatuses, statusLabels } from "@/lib/domain/status";

// The <option> lists of the issue pickers (watchlist filters, briefing builder, issue forms), so the
// order and the words are the same everywhere.

export function StatusOptions() {
  return issueStatuses.map((status) => (
    <option key={status} value={status}>
      {statusLabels[status]}
    </option>
  ));
}

export function CategoryOptions({ categories }: { categories: ReadonlyArray<{ slug: string; name: string }> }) {
  return categories.map((category) => (
    <option key={category.slug} value={category.slug}>
      {category.name}
    </option>
  ));
}
