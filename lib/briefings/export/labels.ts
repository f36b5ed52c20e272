import type { BriefingMarking, ChangeKind, Trend } from "@/lib/briefings/snapshot";
import { issueStatuses, statusLabels } from "@/lib/domain/status";
import { likelihoodLabels, likelihoods, likelihoodRanges as domainLikelihoodRanges } from "@/lib/domain/likelihood";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";

// Human words for the snapshot's codes: one table per vocabulary, so every export says the same thing.
// Statuses, ICD 203 likelihoods and the Admiralty scales are the app's own (lib/domain), so a briefing
// uses the words the watchlist shows; the tables below are the ones only briefings need.

// ICD 203 (Analytic Standards, 2015) probability ranges, as in lib/domain but written with an ASCII hyphen
// ("55-80%"): what exports have always said, and what the golden files hold.
export const likelihoodRanges = Object.fromEntries(
  likelihoods.map((likelihood) => [likelihood, domainLikelihoodRanges[likelihood].replace("\u2013", "-")]),
) as Record<Likelihood, string>;

export const trendLabels: Record<Trend, string> = {
  new: "New since last briefing",
  escalating: "Escalating",
  "de-escalating": "De-escalating",
  steady: "Steady",
};

export const changeKindLabels: Record<ChangeKind, string> = {
  status: "Status",
  likelihood: "Likelihood",
  evidence: "Evidence",
  created: "Created",
  deleted: "Removed",
  other: "Other",
};

// FIRST TLP 2.0 definitions, shortened.
export const markingDescriptions: Record<BriefingMarking, string> = {
  "TLP:CLEAR": "Disclosure is not limited.",
  "TLP:GREEN": "Limited disclosure: may be shared within the community, not publicly.",
  "TLP:AMBER": "Limited disclosure: recipients' organisations and their clients only, on a need-to-know basis.",
  "TLP:AMBER+STRICT": "Limited disclosure: recipients' organisation only, on a need-to-know basis.",
  "TLP:RED": "For the eyes and ears of individual recipients only, no further disclosure.",
};

// TLP 2.0 colours (text on black), used by the PDF and DOCX markings.
export const markingColours: Record<BriefingMarking, string> = {
  "TLP:CLEAR": "FFFFFF",
  "TLP:GREEN": "33FF00",
  "TLP:AMBER": "FFC000",
  "TLP:AMBER+STRICT": "FFC000",
  "TLP:RED": "FF2B2B",
};

export const statusLabel = (status: IssueStatus): string => statusLabels[status];
export const likelihoodLabel = (likelihood: Likelihood): string => likelihoodLabels[likelihood];

/** "Likely (55-80%)": the ICD 203 word with its range, for readers who do not know the scale. */
export const likelihoodWithRange = (likelihood: Likelihood): string =>
  `${likelihoodLabels[likelihood]} (${likelihoodRanges[likelihood]})`;

export const impactLabel = (impact: number): string => `${impact} of 5`;

/** A change's from/to value in words: status and likelihood codes become their labels, anything else is kept. */
export function changeValueLabel(kind: ChangeKind, value: string | null): string | null {
  if (value === null) return null;
  if (kind === "status" && (issueStatuses as readonly string[]).includes(value)) {
    return statusLabels[value as IssueStatus];
  }
  if (kind === "likelihood" && (likelihoods as readonly string[]).includes(value)) {
    return likelihoodLabels[value as Likelihood];
  }
  return value;
}
