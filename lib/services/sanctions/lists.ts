import "server-only";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import type { SanctionsEntry } from "@/lib/sanctions/entry";
import type { ChangePage, ChangesQuery, EntryView, ReleaseView, SanctionsListView } from "@/lib/validation/sanctions";

// Reading lists, releases, their changes and entries: public data, the same for every team.

/** Releases shown per list, newest first. */
const RELEASES_SHOWN = 20;

const releaseSelect = {
  id: true,
  publishedAt: true,
  entries: true,
  added: true,
  removed: true,
  changed: true,
  format: true,
  sha256: true,
  importedBy: true,
  importedAt: true,
  list: { select: { slug: true } },
} as const;

type ReleaseRow = { id: string; publishedAt: Date; entries: number; added: number; removed: number; changed: number; format: string; sha256: string; importedBy: string; importedAt: Date; list: { slug: string } };

function releaseView({ list, publishedAt, importedAt, ...release }: ReleaseRow): ReleaseView {
  return { ...release, list: list.slug, publishedAt: publishedAt.toISOString(), importedAt: importedAt.toISOString() };
}

export async function listSanctionsLists(): Promise<SanctionsListView[]> {
  const lists = await db.sanctionsList.findMany({
    orderBy: { slug: "asc" },
    select: { slug: true, name: true, releases: { orderBy: [{ publishedAt: "desc" }, { importedAt: "desc" }], take: RELEASES_SHOWN, select: releaseSelect } },
  });
  return lists.map((list) => ({ ...list, releases: list.releases.map(releaseView) }));
}

/** A release's added, removed or changed entries, by the list's own id. */
export async function releaseChanges(releaseId: string, query: ChangesQuery): Promise<ChangePage> {
  const release = await db.sanctionsRelease.findUnique({ where: { id: releaseId }, select: releaseSelect });
  if (!release) throw notFound("Release");
  const where = { releaseId, ...(query.kind ? { kind: query.kind } : {}) };
  const [total, rows] = await Promise.all([
    db.sanctionsChange.count({ where }),
    db.sanctionsChange.findMany({
      where,
      orderBy: [{ kind: "asc" }, { sourceId: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { kind: true, sourceId: true, entryId: true, fields: true, entry: { select: { type: true, name: true, programs: true, countries: true } } },
    }),
  ]);
  return {
    release: releaseView(release),
    items: rows.map(({ entry, ...change }) => ({ ...change, ...entry })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getSanctionsEntry(id: string): Promise<EntryView> {
  const row = await db.sanctionsEntry.findUnique({
    where: { id },
    select: { id: true, data: true, contentHash: true, release: { select: { id: true, publishedAt: true, list: { select: { slug: true } } } } },
  });
  if (!row) throw notFound("Entry");
  const entry = row.data as unknown as SanctionsEntry;
  return { ...entry, id: row.id, contentHash: row.contentHash, list: row.release.list.slug, release: { id: row.release.id, publishedAt: row.release.publishedAt.toISOString() } };
}
