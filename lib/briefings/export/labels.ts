import type {
  BriefingMarking,
  ChangeKind,
  IssueStatus,
  Likelihood,
  SourceReliability,
  Stance,
  Trend,
} from "@/lib/briefings/snapshot";
import { ISSUE_STATUSES, LIKELIHOODS } from "@/lib/briefings/snapshot";

// Human words for the snapshot's codes: one table per vocabulary, so every export says the same thing.

export const statusLabels: Record<IssueStatus, string> = {
  monitoring: "Monitoring",
  warning_issued: "Warning issued",
  measures_threatened: "Measures threatened",
  measures_announced: "Measures announced",
  designations_in_force: "Designations in force",
  resolved: "Resolved",
  lifted: "Lifted",
};

// ICD 203 (Analytic Standards, 2015) estimative words and the probability range each stands for.
export const likelihoodLabels: Record<Likelihood, string> = {
  almost_no_chance: "Almost no chance",
  very_unlikely: "Very unlikely",
  unlikely: "Unlikely",
  roughly_even_chance: "Roughly even chance",
  likely: "Likely",
  very_likely: "Very likely",
  almost_certain: "Almost certain",
};

export const likelihoodRanges: Record<Likelihood, string> = {
  almost_no_chance: "1-5%",
  very_unlikely: "5-20%",
  unlikely: "20-45%",
  roughly_even_chance: "45-55%",
  likely: "55-80%",
  very_likely: "80-95%",
  almost_certain: "95-99%",
};

export const trendLabels: Record<Trend, string> = {
  new: "New since last briefing",
  escalating: "Escalating",
  "de-escalating": "De-escalating",
  steady: "Steady",
};

export const stanceLabels: Record<Stance, string> = {
  escalating: "Escalating",
  de_escalating: "De-escalating",
  context: "Context",
};

export const changeKindLabels: Record<ChangeKind, string> = {
  status: "Status",
  likelihood: "Likelihood",
  evidence: "Evidence",
  created: "Created",
  deleted: "Removed",
  other: "Other",
};

// Admiralty (NATO AJP-2.1) scales.
export const reliabilityLabels: Record<SourceReliability, string> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const credibilityLabels: Record<number, string> = {
  1: "Confirmed by other sources",
  2: "Probably true",
  3: "Possibly true",
  4: "Doubtful",
  5: "Improbable",
  6: "Truth cannot be judged",
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

/** Admiralty grade: source reliability letter + information credibility digit, e.g. "B2". */
export const admiraltyGrade = (reliability: SourceReliability, credibility: number): string =>
  `${reliability}${credibility}`;

export const impactLabel = (impact: number): string => `${impact} of 5`;

export const markingLabel = (marking: BriefingMarking): string => marking;

/** A change's from/to value in words: status and likelihood codes become their labels, anything else is kept. */
export function changeValueLabel(kind: ChangeKind, value: string | null): string | null {
  if (value === null) return null;
  if (kind === "status" && (ISSUE_STATUSES as readonly string[]).includes(value)) {
    return statusLabels[value as IssueStatus];
  }
  if (kind === "likelihood" && (LIKELIHOODS as readonly string[]).includes(value)) {
    return likelihoodLabels[value as Likelihood];
  }
  return value;
}
