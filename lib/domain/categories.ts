/** The categories every new team starts with (editable per team); `other` catches the rest. */
export const defaultCategories = [
  { slug: "dual-use-technology", name: "Dual-use technology" },
  { slug: "financial-institutions", name: "Financial institutions" },
  { slug: "microelectronics-chips", name: "Microelectronics / chips" },
  { slug: "engines-propulsion", name: "Engines and propulsion" },
  { slug: "other", name: "Other" },
] as const;
