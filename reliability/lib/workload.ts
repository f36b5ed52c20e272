import { expect } from "vitest";
import { issueStatuses } from "@/lib/domain/status";
import { signIn, type ApiClient, type Reply } from "./http";

// The records the workloads write, and the shapes they read back (only the fields the tests use).

/** The API's statuses in the lifecycle's order: the app's own list, which is the API's contract. */
export const STATUSES = issueStatuses;
export type Status = (typeof STATUSES)[number];

/** A status other than the current one (every move must change something). */
export const nextStatus = (current: Status): Status => STATUSES[(STATUSES.indexOf(current) + 1) % STATUSES.length]!;

export type IssueView = {
  id: string;
  title: string;
  status: Status;
  version: number;
  evidenceCount: number;
  evidence: Array<{ id: string; quote: string }>;
};

export type EvidenceView = { id: string; issueId: string; quote: string; quoteStart: number };

export type HistoryEvent = { id: string; action: string; entityType: string; entityId: string; after: Record<string, unknown> | null };

export const CATEGORIES = ["dual-use-technology", "financial-institutions", "microelectronics-chips", "engines-propulsion"] as const;

export function issueBody(title: string, index = 0) {
  return {
    title,
    summary: `Written by the reliability suite (${title}).`,
    category: CATEGORIES[index % CATEGORIES.length],
    jurisdictions: ["CN", "RU"],
    actors: ["Reliability suite"],
    hsCodes: ["8542"],
    tags: ["reliability"],
  };
}

export type Passage = { quote: string; start: number };
export type StoredDocument = { id: string; passages: Passage[] };

/**
 * A document of `count` numbered sentences (its text unique to `label`), with where each sentence
 * sits in the stored text: evidence quotes them verbatim, at their offsets.
 */
export async function createDocument(client: ApiClient, label: string, count: number): Promise<StoredDocument> {
  const sentences = Array.from(
    { length: count },
    (_, i) => `Passage ${i + 1} of ${label}: officials reported shipment ${label}-${i + 1} of dual-use components to end users in Russia.`,
  );
  const reply = await client.post<{ id: string; text: string }>("/api/documents", { title: `Reliability document ${label}`, text: sentences.join("\n\n") });
  expectStatus(reply, 201, `creating document ${label}`);
  const text = reply.json.text;
  const passages = sentences.map((quote) => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`Passage not found in the stored text: ${quote}`);
    return { quote, start };
  });
  return { id: reply.json.id, passages };
}

export function evidenceBody(documentId: string, passage: Passage, note = "") {
  return { documentId, quote: passage.quote, quoteStart: passage.start, credibility: 2, stance: "escalating", note };
}

/** Fails with the reply's body (the API's error message) when the status is not the expected one. */
export function expectStatus(reply: Reply, status: number, what: string) {
  if (reply.status !== status) {
    expect.fail(`${what}: expected ${status}, got ${reply.status}: ${reply.text.slice(0, 500)}`);
  }
}

/** Every issue of the team, through the paged watchlist (sorted by title for stable comparisons). */
export async function allIssues(client: ApiClient): Promise<Array<Record<string, unknown> & { id: string; version: number }>> {
  const items: Array<Record<string, unknown> & { id: string; version: number }> = [];
  for (let page = 1; ; page++) {
    const reply = await client.get<{ items: typeof items; total: number }>(`/api/issues?sort=title&pageSize=100&page=${page}`);
    expectStatus(reply, 200, "listing issues");
    items.push(...reply.json.items);
    if (items.length >= reply.json.total || reply.json.items.length === 0) return items;
  }
}

/** The ids of the documents in the library (before a workload: the seed's reference article). */
export async function documentIds(baseUrl: string): Promise<string[]> {
  const client = await signIn(baseUrl);
  try {
    const reply = await client.get<{ items: Array<{ id: string }> }>("/api/documents?pageSize=100");
    expectStatus(reply, 200, "listing documents");
    return reply.json.items.map((item) => item.id);
  } finally {
    client.close();
  }
}
