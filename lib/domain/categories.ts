import { CATEGORIES } from "@/lib/analysis/taxonomy";

/** The categories every new team starts with (editable per team): the taxonomy's, `other` last. */
export const defaultCategories = CATEGORIES.map(({ slug, name }) => ({ slug, name }));
