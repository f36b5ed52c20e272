import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Notice } from "@/lib/notifications/recipients";

// What the outbox hooks (notifyIn, webhooksIn) read for an event, remembered across the hooks of one event and across
// the events that recordSystemEvents appends together: a feed poll records an arrival per relevant item, and each
// asked again for the same category's id, its followers and the team's webhooks (three statements per item, one after
// another in the poll's transaction); a new issue's notifications and webhook deliveries both need its title. Nothing
// those reads see changes between the hooks of one call: they run in one transaction, in code that changes no follow,
// membership, name or webhook meanwhile.

/** Answers by what was asked; one per recordEvent or recordSystemEvents call. */
export type OutboxReads = Map<string, Promise<unknown>>;

/** `read()` once per key within `reads` (every time without it). */
export function remembered<T>(reads: OutboxReads | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!reads) return read();
  let answer = reads.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    reads.set(key, answer);
  }
  return answer;
}

export type SubjectNames = { subject: string; category?: string };

/** What the caller already knows, so that no hook reads it again: the team's name, categories it has read, a subject's names (a new issue's). */
export function knownReads(
  teamId: string,
  known: { teamName?: string; categories?: { slug: string; id: string }[]; subject?: { of: Notice["subject"]; names: SubjectNames } },
): OutboxReads {
  const reads: OutboxReads = new Map();
  if (known.teamName !== undefined) reads.set(teamKey(teamId), Promise.resolve({ name: known.teamName }));
  for (const category of known.categories ?? []) reads.set(categoryKey(teamId, category.slug), Promise.resolve({ id: category.id }));
  if (known.subject) reads.set(namesKey(teamId, known.subject.of), Promise.resolve(known.subject.names));
  return reads;
}

export const teamKey = (teamId: string) => `team ${teamId}`;
export const categoryKey = (teamId: string, slug: string) => `category ${teamId} ${slug}`;
const namesKey = (teamId: string, subject: Notice["subject"]) => `names ${teamId} ${subject.type} ${subject.id}`;

/** The names a notification's or a delivery's text needs: the issue's title or the entity's name (and the category's). */
export function subjectNames(tx: Tx, teamId: string, subject: Notice["subject"], reads?: OutboxReads): Promise<SubjectNames | null> {
  return remembered(reads, namesKey(teamId, subject), () => readNames(tx, teamId, subject));
}

async function readNames(tx: Tx, teamId: string, subject: Notice["subject"]): Promise<SubjectNames | null> {
  if (subject.type === "webhook") {
    const webhook = await tx.webhook.findFirst({ where: { id: subject.id, teamId }, select: { url: true } });
    return webhook ? { subject: hostOf(webhook.url) } : null;
  }
  if (subject.type === "briefing_schedule") {
    const schedule = await tx.briefingSchedule.findFirst({ where: { id: subject.id, teamId }, select: { title: true } });
    return schedule ? { subject: schedule.title } : null;
  }
  if (subject.type === "category") {
    const category = await tx.category.findFirst({ where: { id: subject.id, teamId }, select: { name: true } });
    return category ? { subject: category.name, category: category.name } : null;
  }
  if (subject.type === "entity") {
    const entity = await tx.entity.findFirst({ where: { id: subject.id, teamId }, select: { name: true } });
    return entity ? { subject: entity.name } : null;
  }
  const issue = await tx.issue.findFirst({ where: { id: subject.id, teamId }, select: { title: true, category: { select: { name: true } } } });
  return issue ? { subject: issue.title, category: issue.category.name } : null;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
