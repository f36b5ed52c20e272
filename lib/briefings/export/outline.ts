import type { BriefingChange, BriefingDesignation, BriefingEvidence, BriefingIssue, BriefingSnapshot } from "@/lib/briefings/snapshot";
import { formatDate, formatDateTime } from "@/lib/briefings/export/dates";
import {
  changeKindLabels,
  changeValueLabel,
  impactLabel,
  likelihoodWithRange,
  markingDescriptions,
  statusLabel,
  trendLabels,
} from "@/lib/briefings/export/labels";
import { admiraltyGrade, credibilityLabels, reliabilityLabels } from "@/lib/domain/grading";
import { stanceLabels } from "@/lib/domain/stance";

// What a policy-style briefing says, in order, as plain text: the Markdown, DOCX and PDF renderers only
// decide how it looks, so the three documents cannot drift apart in content or numbering.

export type Field = readonly [label: string, value: string];

export interface Citation {
  /** Footnote number, 1-based, in reading order across the whole briefing. */
  number: number;
  sourceName: string;
  documentTitle: string;
  /** http(s) URL only; anything else is dropped so no renderer can emit a dangerous link. */
  url: string | null;
  date: string;
  grade: string;
  gradeMeaning: string;
  quote: string;
}

export interface OutlineEvidence {
  stance: string;
  grade: string;
  /** The analyst's note, or the document title when there is no note. */
  text: string;
  citation: Citation;
}

export interface OutlineIssue {
  heading: string;
  title: string;
  fields: Field[];
  summary: string[];
  evidence: OutlineEvidence[];
}

export interface OutlineChange {
  when: string;
  actor: string;
  issueTitle: string;
  what: string;
  summary: string;
}

export interface BriefingOutline {
  title: string;
  marking: BriefingSnapshot["marking"];
  date: string;
  meta: Field[];
  bottomLine: string[];
  issues: OutlineIssue[];
  changesHeading: string;
  changesIntro: string | null;
  changes: OutlineChange[];
  citations: Citation[];
}

export const HEADINGS = {
  bottomLine: "Bottom line up front",
  issues: "Issues",
  keyEvidence: "Key evidence",
  notes: "Notes",
} as const;

const NONE = "None recorded";

/** Blank-line separated paragraphs, each on one line; whitespace runs (tabs, CR, newlines) become one space. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map(oneLine)
    .filter((p) => p.length > 0);
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

const list = (values: readonly string[]): string => (values.length > 0 ? values.map(oneLine).join(", ") : NONE);

const httpUrl = (url: string | null): string | null => (url !== null && /^https?:\/\/\S+$/i.test(url) ? url : null);

const score = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function citationOf(evidence: BriefingEvidence, number: number): Citation {
  return {
    number,
    sourceName: oneLine(evidence.sourceName) || "Unknown source",
    documentTitle: oneLine(evidence.documentTitle) || "Untitled document",
    url: httpUrl(evidence.url),
    date: evidence.publishedAt === null ? "date unknown" : formatDate(evidence.publishedAt),
    grade: admiraltyGrade(evidence.sourceReliability, evidence.credibility),
    gradeMeaning: `${reliabilityLabels[evidence.sourceReliability]}; ${
      credibilityLabels[evidence.credibility] ?? "credibility unknown"
    }`.toLowerCase(),
    quote: oneLine(evidence.quote),
  };
}

/** 'Trim Correspondents, "Title", 19 April 2024. Admiralty grade B2 (usually reliable; probably true).' */
export function citationText(citation: Citation): string {
  return `${citation.sourceName}, "${citation.documentTitle}", ${citation.date}. Admiralty grade ${citation.grade} (${citation.gradeMeaning}).`;
}

/** "Acme Ltd: OFAC SDN (12345), RUSSIA-EO14024, since 1 May 2024; …" */
export function designationsText(designations: readonly BriefingDesignation[]): string {
  if (designations.length === 0) return NONE;
  return designations
    .map(({ entity, list, sourceId, programs, since }) => {
      const parts = [`${oneLine(list)} (${oneLine(sourceId)})`, ...programs.map(oneLine), since === null ? "listing date unknown" : `since ${formatDate(since)}`];
      return `${oneLine(entity)}: ${parts.join(", ")}`;
    })
    .join("; ");
}

/** "Dana Analyst (dana@example.org)", or "Unassigned". */
export function ownerText(owner: BriefingIssue["owner"]): string {
  return owner ? `${oneLine(owner.name)} (${oneLine(owner.email)})` : "Unassigned";
}

function issueFields(issue: BriefingIssue): Field[] {
  return [
    ["Status", statusLabel(issue.status)],
    ["Likelihood (ICD 203)", likelihoodWithRange(issue.likelihood)],
    ["Impact", impactLabel(issue.impact)],
    ["Risk score", score(issue.riskScore)],
    ["Trend since last briefing", trendLabels[issue.trend]],
    ["Category", oneLine(issue.category) || NONE],
    ["Jurisdictions", list(issue.jurisdictions)],
    ["Actors", list(issue.actors)],
    ["Designated actors", designationsText(issue.designations)],
    ["HS codes", list(issue.hsCodes)],
    ["Owner", ownerText(issue.owner)],
  ];
}

function describeChange(change: BriefingChange): string {
  const kind = changeKindLabels[change.kind];
  const from = changeValueLabel(change.kind, change.from);
  const to = changeValueLabel(change.kind, change.to);
  if (from !== null && to !== null) return `${kind}: ${oneLine(from)} → ${oneLine(to)}`;
  if (to !== null) return `${kind}: ${oneLine(to)}`;
  if (from !== null) return `${kind}: was ${oneLine(from)}`;
  return kind;
}

export function buildOutline(snapshot: BriefingSnapshot): BriefingOutline {
  const citations: Citation[] = [];
  const issues = snapshot.issues.map((issue, index): OutlineIssue => {
    const title = oneLine(issue.title);
    return {
      heading: `${index + 1}. ${title}`,
      title,
      fields: issueFields(issue),
      summary: paragraphs(issue.summary),
      evidence: issue.evidence.map((evidence) => {
        const citation = citationOf(evidence, citations.length + 1);
        citations.push(citation);
        return {
          stance: stanceLabels[evidence.stance],
          grade: citation.grade,
          text: oneLine(evidence.note) || citation.documentTitle,
          citation,
        };
      }),
    };
  });

  const previous = snapshot.previousBriefing;
  const meta: Field[] = [
    ["Team", oneLine(snapshot.teamName)],
    ["Date", formatDateTime(snapshot.createdAt)],
    ["Prepared by", oneLine(snapshot.createdBy)],
    ["Issues", String(snapshot.issues.length)],
    ["Previous briefing", previous ? `${oneLine(previous.title)} (${formatDate(previous.createdAt)})` : "None"],
    ["Handling", `${snapshot.marking}. ${markingDescriptions[snapshot.marking]}`],
  ];

  return {
    title: oneLine(snapshot.title),
    marking: snapshot.marking,
    date: formatDateTime(snapshot.createdAt),
    meta,
    bottomLine: paragraphs(snapshot.keyJudgments),
    issues,
    changesHeading: previous
      ? `Changes since ${oneLine(previous.title)} (${formatDate(previous.createdAt)})`
      : "Changes since last briefing",
    changesIntro: previous ? null : "No previous briefing: this is the team's first.",
    changes: snapshot.changes.map((change) => ({
      when: formatDateTime(change.at),
      actor: oneLine(change.actor) || "Unknown",
      issueTitle: oneLine(change.issueTitle),
      what: describeChange(change),
      summary: oneLine(change.summary),
    })),
    citations,
  };
}

export const EMPTY_TEXT = {
  bottomLine: "No key judgments recorded.",
  issues: "No issues matched this briefing's filter.",
  evidence: "No evidence attached.",
  changes: "No changes recorded.",
} as const;
