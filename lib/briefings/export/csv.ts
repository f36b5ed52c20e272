import Papa from "papaparse";
import type { BriefingEvidence, BriefingIssue, BriefingSnapshot } from "@/lib/briefings/snapshot";
import { isoDay } from "@/lib/briefings/export/dates";
import { designationsText } from "@/lib/briefings/export/outline";
import { likelihoodLabel, statusLabel, trendLabels } from "@/lib/briefings/export/labels";
import { admiraltyGrade } from "@/lib/domain/grading";
import { stanceLabels } from "@/lib/domain/stance";

// One row per issue × evidence item (issue columns repeated; an issue without evidence still gets a row),
// for analysts who sort and filter in a spreadsheet.

export const CSV_COLUMNS = [
  "briefing_id",
  "briefing_title",
  "marking",
  "briefing_date",
  "issue_id",
  "issue_title",
  "category",
  "status",
  "likelihood",
  "impact",
  "risk_score",
  "trend",
  "jurisdictions",
  "actors",
  "designations",
  "hs_codes",
  "owner",
  "evidence_id",
  "document_title",
  "url",
  "source",
  "source_reliability",
  "published",
  "credibility",
  "grade",
  "stance",
  "quote",
  "note",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

// OWASP CSV injection: a spreadsheet treats a cell starting with one of these as a formula (tab and CR
// too, as some programs strip them first). A leading apostrophe makes it text in Excel and LibreOffice.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const join = (values: readonly string[]): string => values.join("; ");

function issueCells(snapshot: BriefingSnapshot, issue: BriefingIssue): Partial<Record<Column, string>> {
  return {
    briefing_id: snapshot.id,
    briefing_title: snapshot.title,
    marking: snapshot.marking,
    briefing_date: isoDay(snapshot.createdAt),
    issue_id: issue.id,
    issue_title: issue.title,
    category: issue.category,
    status: statusLabel(issue.status),
    likelihood: likelihoodLabel(issue.likelihood),
    impact: String(issue.impact),
    risk_score: String(issue.riskScore),
    trend: trendLabels[issue.trend],
    jurisdictions: join(issue.jurisdictions),
    actors: join(issue.actors),
    designations: designationsText(issue.designations),
    hs_codes: join(issue.hsCodes),
    owner: issue.owner ? `${issue.owner.name} <${issue.owner.email}>` : "",
  };
}

function evidenceCells(evidence: BriefingEvidence): Partial<Record<Column, string>> {
  return {
    evidence_id: evidence.id,
    document_title: evidence.documentTitle,
    url: evidence.url ?? "",
    source: evidence.sourceName,
    source_reliability: evidence.sourceReliability,
    published: evidence.publishedAt === null ? "" : isoDay(evidence.publishedAt),
    credibility: String(evidence.credibility),
    grade: admiraltyGrade(evidence.sourceReliability, evidence.credibility),
    stance: stanceLabels[evidence.stance],
    quote: evidence.quote,
    note: evidence.note,
  };
}

/** The table as arrays of strings, header first, every cell already neutralized. */
export function briefingCsvRows(snapshot: BriefingSnapshot): string[][] {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const issue of snapshot.issues) {
    const base = issueCells(snapshot, issue);
    const items = issue.evidence.length > 0 ? issue.evidence.map(evidenceCells) : [{}];
    for (const item of items) {
      const cells: Partial<Record<Column, string>> = { ...base, ...item };
      rows.push(CSV_COLUMNS.map((column) => cells[column] ?? ""));
    }
  }
  return rows.map((row) => row.map(neutralizeCell));
}

/** RFC 4180 CSV (CRLF rows), with a UTF-8 byte order mark so Excel reads non-ASCII text correctly. */
export function exportCsv(snapshot: BriefingSnapshot): string {
  return `\uFEFF${Papa.unparse(briefingCsvRows(snapshot), { newline: "\r\n", quotes: false })}\r\n`;
}
