import type { BriefingSnapshot } from "@/lib/briefings/snapshot";
import { autolink, escapeInline, escapeParagraph } from "@/lib/briefings/export/markdown-text";
import { buildOutline, EMPTY_TEXT, HEADINGS, type Citation } from "@/lib/briefings/export/outline";

// The briefing as GitHub-flavoured Markdown: marking first and last, footnotes ([^n]) for citations.

function footnote(citation: Citation): string {
  const url = citation.url ? ` ${autolink(citation.url)}.` : "";
  return (
    `[^${citation.number}]: ${escapeInline(citation.sourceName)}, "${escapeInline(citation.documentTitle)}", ` +
    `${escapeInline(citation.date)}.${url} Admiralty grade ${citation.grade} (${escapeInline(citation.gradeMeaning)}). ` +
    `Quoted passage: "${escapeInline(citation.quote)}"`
  );
}

export function exportMarkdown(snapshot: BriefingSnapshot): string {
  const outline = buildOutline(snapshot);
  const marking = `**${outline.marking}**`;
  const out: string[] = [];
  const block = (...lines: string[]) => out.push(...lines, "");

  block(marking);
  block(`# ${escapeInline(outline.title)}`);
  block(...outline.meta.map(([label, value]) => `- **${label}:** ${escapeInline(value)}`));

  block(`## ${HEADINGS.bottomLine}`);
  for (const p of outline.bottomLine.length > 0 ? outline.bottomLine : [EMPTY_TEXT.bottomLine]) block(escapeParagraph(p));

  block(`## ${HEADINGS.issues}`);
  if (outline.issues.length === 0) block(EMPTY_TEXT.issues);
  for (const issue of outline.issues) {
    block(`### ${escapeInline(issue.heading)}`);
    block(...issue.fields.map(([label, value]) => `- **${label}:** ${escapeInline(value)}`));
    for (const p of issue.summary) block(escapeParagraph(p));
    block(`#### ${HEADINGS.keyEvidence}`);
    if (issue.evidence.length === 0) block(EMPTY_TEXT.evidence);
    else
      block(
        ...issue.evidence.map(
          (e, i) => `${i + 1}. **${e.stance}, ${e.grade}:** ${escapeInline(e.text)}[^${e.citation.number}]`,
        ),
      );
  }

  block(`## ${escapeInline(outline.changesHeading)}`);
  if (outline.changesIntro) block(escapeParagraph(outline.changesIntro));
  if (outline.changes.length === 0) block(EMPTY_TEXT.changes);
  else
    block(
      ...outline.changes.map((c) => {
        const summary = c.summary ? ` ${escapeInline(c.summary)}` : "";
        return `- ${escapeInline(c.when)}, ${escapeInline(c.actor)}, **${escapeInline(c.issueTitle)}**: ${escapeInline(c.what)}.${summary}`;
      }),
    );

  if (outline.citations.length > 0) block(...outline.citations.map(footnote));

  block("---");
  out.push(marking);
  return `${out.join("\n")}\n`;
}
