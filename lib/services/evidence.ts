import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { db, type Tx } from "@/lib/db/client";
import { findQuote } from "@/lib/analysis/text";
import { admiraltyGrade } from "@/lib/domain/grading";
import type { EvidenceView, LinkEvidenceInput, UpdateEvidenceInput } from "@/lib/validation/evidence";
import { changedFields, recordEvent } from "./events";
import { kickRelevanceTraining } from "./relevance-model";

type QuoteInput = { quote: string; quoteStart?: number | undefined };

/** Where the quote sits in the stored text: at the given offset, or found; 422 when it is not there verbatim. */
export function locateQuote(text: string, { quote, quoteStart }: QuoteInput): { start: number; end: number } {
  if (quoteStart !== undefined) {
    if (text.slice(quoteStart, quoteStart + quote.length) === quote) return { start: quoteStart, end: quoteStart + quote.length };
  } else {
    const found = findQuote(text, quote);
    if (found) return found;
  }
  throw new AppError("validation_failed", "The quote must be an exact passage of the document's text", {
    fields: { quote: ["Not found verbatim in the document's text" + (quoteStart !== undefined ? " at that offset" : "")] },
  });
}

function toView(row: {
  id: string;
  issueId: string;
  documentId: string;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  credibility: number;
  stance: EvidenceView["stance"];
  note: string;
  createdAt: Date;
  document: { source: { reliability: Parameters<typeof admiraltyGrade>[0] } | null };
}): EvidenceView {
  const { document, createdAt, ...evidence } = row;
  return { ...evidence, grade: admiraltyGrade(document.source?.reliability, row.credibility), createdAt: createdAt.toISOString() };
}

const evidenceSelect = {
  id: true,
  issueId: true,
  documentId: true,
  quote: true,
  quoteStart: true,
  quoteEnd: true,
  credibility: true,
  stance: true,
  note: true,
  createdAt: true,
  document: { select: { source: { select: { reliability: true } } } },
} as const;

/** Links a passage of a stored document to an issue, inside the caller's transaction. */
export async function linkEvidenceIn(tx: Tx, actor: Actor, issueId: string, input: LinkEvidenceInput): Promise<EvidenceView> {
  const issue = await tx.issue.findFirst({ where: { id: issueId, teamId: actor.teamId, deletedAt: null }, select: { id: true } });
  if (!issue) throw notFound("Issue");
  const document = await tx.document.findFirst({ where: { id: input.documentId, teamId: actor.teamId }, select: { id: true, text: true } });
  if (!document) throw notFound("Document");
  const at = locateQuote(document.text, input);
  const duplicate = await tx.evidence.findFirst({
    where: { issueId, documentId: document.id, quoteStart: at.start, quoteEnd: at.end },
    select: { id: true },
  });
  if (duplicate) throw new AppError("conflict", "This passage is already evidence for the issue", { evidenceId: duplicate.id });
  const row = await tx.evidence.create({
    data: {
      teamId: actor.teamId,
      issueId,
      documentId: document.id,
      quote: input.quote,
      quoteStart: at.start,
      quoteEnd: at.end,
      credibility: input.credibility,
      stance: input.stance,
      note: input.note,
      addedById: actor.userId,
    },
    select: evidenceSelect,
  });
  await recordEvent(tx, actor, {
    entityType: "evidence",
    entityId: row.id,
    action: "evidence_added",
    after: { issueId, documentId: document.id, quote: input.quote, credibility: input.credibility, stance: input.stance, note: input.note },
  });
  // A document linked is one the team finds related: its relevance model learns from it.
  kickRelevanceTraining(actor.teamId);
  return toView(row);
}

export async function linkEvidence(actor: Actor, issueId: string, input: LinkEvidenceInput): Promise<EvidenceView> {
  return db.$transaction((tx) => linkEvidenceIn(tx, actor, issueId, input));
}

export async function updateEvidence(actor: Actor, id: string, input: UpdateEvidenceInput): Promise<EvidenceView> {
  return db.$transaction(async (tx) => {
    // The document's team too: its text answers whether a quote is in it, so it must be the actor's own.
    const current = await tx.evidence.findFirst({
      where: { id, teamId: actor.teamId, issue: { teamId: actor.teamId }, document: { teamId: actor.teamId } },
      include: { document: { select: { text: true } } },
    });
    if (!current) throw notFound("Evidence");
    const quote = input.quote ?? current.quote;
    const at =
      input.quote === undefined && input.quoteStart === undefined
        ? { start: current.quoteStart, end: current.quoteEnd }
        : locateQuote(current.document.text, { quote, quoteStart: input.quoteStart });
    const next = { quote, quoteStart: at.start, quoteEnd: at.end, credibility: input.credibility ?? current.credibility, stance: input.stance ?? current.stance, note: input.note ?? current.note };
    const diff = changedFields({ quote: current.quote, quoteStart: current.quoteStart, quoteEnd: current.quoteEnd, credibility: current.credibility, stance: current.stance, note: current.note }, next);
    const row = await tx.evidence.update({ where: { id }, data: next, select: evidenceSelect });
    if (diff.changed.length) {
      await recordEvent(tx, actor, { entityType: "evidence", entityId: id, action: "evidence_updated", before: diff.before, after: { ...diff.after, issueId: current.issueId } });
    }
    return toView(row);
  });
}

export async function deleteEvidence(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.evidence.findFirst({ where: { id, teamId: actor.teamId } });
    if (!current) throw notFound("Evidence");
    await tx.evidence.delete({ where: { id } });
    await recordEvent(tx, actor, {
      entityType: "evidence",
      entityId: id,
      action: "evidence_removed",
      before: { quote: current.quote, credibility: current.credibility, stance: current.stance, documentId: current.documentId },
      after: { issueId: current.issueId },
    });
  });
  kickRelevanceTraining(actor.teamId);
}
