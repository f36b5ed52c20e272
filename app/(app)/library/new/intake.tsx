"use client";

import { useState } from "react";
import type { DocumentSuggestions } from "@/lib/query/documents";
import type { SourceView } from "@/lib/validation/sources";
import { DocumentInput, type DocumentDraft } from "./document-input";
import { ReviewForm } from "./review-form";

// The intake in two steps: the document (pasted, uploaded or fetched) and its analysis, then the review of
// the suggestions and one save. Going back keeps what was entered. An item accepted from the inbox starts at the review.
export function Intake({ initialSources, fromInbox }: { initialSources: SourceView[]; fromInbox?: { draft: DocumentDraft; analysis: DocumentSuggestions } }) {
  const [draft, setDraft] = useState<DocumentDraft>(fromInbox?.draft ?? { text: "", file: null, title: "", url: "", capture: null, inboxItem: null });
  // An inbox item opens at the review, already analysed.
  const [analysis, setAnalysis] = useState<DocumentSuggestions | null>(fromInbox?.analysis ?? null);
  const [returned, setReturned] = useState(false);

  if (analysis) {
    return (
      <ReviewForm
        analysis={analysis}
        draft={draft}
        initialSources={initialSources}
        onBack={() => {
          setAnalysis(null);
          setReturned(true);
        }}
      />
    );
  }
  return <DocumentInput draft={draft} onChange={(change) => setDraft((d) => ({ ...d, ...change }))} onAnalyzed={setAnalysis} focusOnMount={returned} />;
}
