import "server-only";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { containsPattern } from "@/lib/db/like";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SanctionsEntry } from "@/lib/sanctions/entry";
import type { ChangePage, ChangesQuery, EntryView, ReleaseView, SanctionsListsView } from "@/lib/validation/sanctions";
import { mayImportLists } from "./import";

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
  list: { select: { slug: true, name: true } },
} as const;

type ReleaseRow = { id: string; publishedAt: Date; entries: number; added: number; removed: number; changed: number; format: string; sha256: string; importedBy: string; importedAt: Date; list: { slug: string; name: string } };

/** The releases as the API shows them, with who imported each in people's words. */
async function releaseViews(rows: ReleaseRow[]): Promise<ReleaseView[]> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.importedBy))] } }, select: { id: true, name: true, email: true } });
  const names = new Map(users.map((u) => [u.id, u.name || u.email]));
  return rows.map(({ list, publishedAt, importedAt, ...release }) => ({
    ...release,
    list: list.slug,
    listName: list.name,
    publishedAt: publishedAt.toISOString(),
    importedAt: importedAt.toISOString(),
    importedByName: names.get(release.importedBy) ?? (MACHINE_IMPORTERS.has(release.importedBy) ? release.importedBy : "a former user"),
  }));
}

/** Imports no person made: by the CLI, the scheduled job, or the demo seed. */
const MACHINE_IMPORTERS = new Set(["cli", "schedule", "seed"]);

export async function listSanctionsLists(actor: Actor): Promise<SanctionsListsView> {
  const [lists, canImport] = await Promise.all([
    db.sanctionsList.findMany({
      orderBy: { slug: "asc" },
      select: { slug: true, name: true, releases: { orderBy: [{ publishedAt: "desc" }, { importedAt: "desc" }], take: RELEASES_SHOWN, select: releaseSelect } },
    }),
    mayImportLists(actor),
  ]);
  const releases = new Map((await releaseViews(lists.flatMap((l) => l.releases))).map((r) => [r.id, r]));
  return { items: lists.map((list) => ({ ...list, releases: list.releases.map((r) => releases.get(r.id)!) })), canImport };
}

/**
 * A release's added, removed or changed entries, by the list's own id, filtered by program, country, type and
 * words of a name or alias, with the values each filter can take. One release has at most its list's entries
 * (15,000 for the SDN list): the changes are read by the (releaseId, kind) index and joined to their entries.
 */
export async function releaseChanges(releaseId: string, query: ChangesQuery): Promise<ChangePage> {
  const found = await db.sanctionsRelease.findUnique({ where: { id: releaseId }, select: { ...releaseSelect, previousId: true } });
  if (!found) throw notFound("Release");
  const { previousId, ...row } = found;
  // A change's entry is in this release (added, changed) or the one before (removed): saying so lets the entries
  // be read by their release's index instead of scanning every release's entries.
  const releases = previousId ? [releaseId, previousId] : [releaseId];
  const ofKind = Prisma.sql`c."releaseId" = ${releaseId} AND e."releaseId" IN (${Prisma.join(releases)})${query.kind ? Prisma.sql` AND c."kind" = ${query.kind}::"SanctionsChangeKind"` : Prisma.empty}`;
  const where = Prisma.join([ofKind, ...entryFilters(query)], " AND ");
  const from = Prisma.sql`FROM "sanctions_change" c JOIN "sanctions_entry" e ON e."id" = c."entryId"`;
  const [release] = await releaseViews([row]);
  const [[{ total }], items, facetRows] = await Promise.all([
    db.$queryRaw<[{ total: number }]>`SELECT count(*)::int AS "total" ${from} WHERE ${where}`,
    db.$queryRaw<ChangePage["items"]>`
      SELECT c."kind"::text AS "kind", c."sourceId", c."entryId", c."fields", e."type"::text AS "type", e."name", e."programs", e."countries"
      ${from} WHERE ${where}
      ORDER BY c."kind", c."sourceId"
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    // Each filter's values among all the changes of this kind, so a filter never offers an empty choice away.
    db.$queryRaw<{ facet: keyof ChangePage["facets"]; value: string; count: number }[]>`
      SELECT 'programs' AS "facet", p AS "value", count(*)::int AS "count" ${from} CROSS JOIN unnest(e."programs") p WHERE ${ofKind} GROUP BY p
      UNION ALL
      SELECT 'countries', k, count(*)::int ${from} CROSS JOIN unnest(e."countries") k WHERE ${ofKind} GROUP BY k
      UNION ALL
      SELECT 'types', e."type"::text, count(*)::int ${from} WHERE ${ofKind} GROUP BY e."type"
      ORDER BY 1, 2`,
  ]);
  const facets: ChangePage["facets"] = { programs: [], countries: [], types: [] };
  for (const { facet, value, count } of facetRows) facets[facet].push({ value, count });
  return { release: release!, facets, items, total, page: query.page, pageSize: query.pageSize };
}

function entryFilters({ program, country, type, q }: ChangesQuery): Prisma.Sql[] {
  const filters: Prisma.Sql[] = [];
  if (program) filters.push(Prisma.sql`${program} = ANY(e."programs")`);
  if (country) filters.push(Prisma.sql`${country} = ANY(e."countries")`);
  if (type) filters.push(Prisma.sql`e."type" = ${type}::"SanctionsEntryType"`);
  if (q) {
    const pattern = containsPattern(q);
    filters.push(Prisma.sql`(c."sourceId" = ${q} OR e."name" ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM jsonb_array_elements(e."data" -> 'aliases') a WHERE a ->> 'name' ILIKE ${pattern}))`);
  }
  return filters;
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
