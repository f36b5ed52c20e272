/** The issue's fields as people name them: in forms, the conflict panel and the timeline. */
export const issueFieldLabels = {
  title: "Title",
  summary: "Summary",
  category: "Category",
  status: "Status",
  likelihood: "Likelihood",
  impact: "Impact",
  jurisdictions: "Jurisdictions",
  actors: "Actors",
  hsCodes: "HS codes",
  tags: "Tags",
  ownerId: "Owner",
  nextReviewAt: "Next review",
} as const;
