import { z } from "zod";
import { ENTRY_TYPES } from "@/lib/sanctions/entry";
import { LIST_FORMATS } from "@/lib/sanctions/import/sniff";
import { booleanParam, isoDate, pageOf, pageParams } from "./common";

// Sanctions lists, releases, entries and screening (issue 13; DESIGN.md "Watching the world").

/** Files larger than this (decompressed too) are refused with 413: the whole SDN list is about 4 MB. */
export const MAX_LIST_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_SCREENING_NAMES = 1000;
export const CHANGE_KINDS = ["added", "removed", "changed"] as const;

export const listSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "A short name of letters, digits and dashes, e.g. ofac-sdn");

/** The form fields beside the file in POST /api/sanctions/releases (and the CLI's options). */
export const importReleaseFieldsSchema = z.strictObject({
  list: listSlugSchema.optional(),
  format: z.enum(LIST_FORMATS).optional(),
  force: booleanParam.optional(),
  publishedAt: isoDate.optional(),
});
export type ImportReleaseFields = z.infer<typeof importReleaseFieldsSchema>;

export const releaseSummarySchema = z.object({
  id: z.string(),
  list: z.string(),
  publishedAt: z.string(),
  entries: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
});
export type ReleaseSummary = z.infer<typeof releaseSummarySchema>;

export const releaseSchema = releaseSummarySchema.extend({
  format: z.string(),
  sha256: z.string(),
  /** The importing user's id, "cli" or "schedule". */
  importedBy: z.string(),
  /** The list's name for people to read ("OFAC Specially Designated Nationals (SDN)"). */
  listName: z.string(),
  /** Who imported it, for people to read: "cli", "schedule", or the user's name. */
  importedByName: z.string(),
  importedAt: z.string(),
});
export type ReleaseView = z.infer<typeof releaseSchema>;

export const sanctionsListSchema = z.object({
  slug: z.string(),
  name: z.string(),
  /** Newest first. */
  releases: z.array(releaseSchema),
});
export type SanctionsListView = z.infer<typeof sanctionsListSchema>;

export const sanctionsListsSchema = z.object({
  items: z.array(sanctionsListSchema),
  /** Whether the caller may import releases (their email is in LIST_ADMINS). */
  canImport: z.boolean(),
});
export type SanctionsListsView = z.infer<typeof sanctionsListsSchema>;

export const changesQuerySchema = z.strictObject({
  kind: z.enum(CHANGE_KINDS).optional(),
  /** Entries under this program, as the list writes it (e.g. RUSSIA-EO14024). */
  program: z.string().trim().min(1).max(100).optional(),
  /** Entries with this country, as the list writes it (e.g. China). */
  country: z.string().trim().min(1).max(100).optional(),
  type: z.enum(ENTRY_TYPES).optional(),
  /** Words in the name or an alias, or the list's own id. */
  q: z.string().trim().min(1).max(200).optional(),
  ...pageParams,
});
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

export const changeSchema = z.object({
  kind: z.enum(CHANGE_KINDS),
  sourceId: z.string(),
  entryId: z.string(),
  type: z.enum(ENTRY_TYPES),
  name: z.string(),
  programs: z.array(z.string()),
  countries: z.array(z.string()),
  /** Which fields of the entry changed (empty for added and removed entries). */
  fields: z.array(z.string()),
});
const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const changePageSchema = pageOf(changeSchema).extend({
  release: releaseSchema,
  /** The values the filters can take among the release's changes of this kind, with how many changes have each. */
  facets: z.object({ programs: facetSchema, countries: facetSchema, types: facetSchema }),
});
export type ChangePage = z.infer<typeof changePageSchema>;

const aliasSchema = z.object({ name: z.string(), kind: z.enum(["aka", "fka", "nka", "original_script"]), quality: z.enum(["strong", "weak"]) });
const identifierSchema = z.object({ kind: z.string(), value: z.string(), label: z.string(), country: z.string().nullable() });
const addressSchema = z.object({
  street: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
  note: z.string().nullable(),
});

export const entrySchema = z.object({
  id: z.string(),
  list: z.string(),
  release: z.object({ id: z.string(), publishedAt: z.string() }),
  sourceId: z.string(),
  type: z.enum(ENTRY_TYPES),
  name: z.string(),
  aliases: z.array(aliasSchema),
  programs: z.array(z.string()),
  countries: z.array(z.string()),
  identifiers: z.array(identifierSchema),
  birthDates: z.array(z.string()),
  listedOn: z.string().nullable(),
  remarks: z.string().nullable(),
  addresses: z.array(addressSchema),
  contentHash: z.string(),
});
export type EntryView = z.infer<typeof entrySchema>;

export const screeningRequestSchema = z.strictObject({
  names: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1, "Give a name").max(500),
        type: z.enum(ENTRY_TYPES).optional(),
        country: z.string().trim().min(1).max(100).optional(),
      }),
    )
    .min(1, "Give at least one name")
    .max(MAX_SCREENING_NAMES, `At most ${MAX_SCREENING_NAMES} names in one call`),
});
export type ScreeningRequest = z.infer<typeof screeningRequestSchema>;

export const screeningMatchSchema = z.object({
  entryId: z.string(),
  list: z.string(),
  sourceId: z.string(),
  name: z.string(),
  /** The entry's name or alias that matched best. */
  matchedName: z.string(),
  score: z.number(),
  level: z.enum(["match", "review"]),
  programs: z.array(z.string()),
  explanation: z.object({
    summary: z.string(),
    nameKind: z.string(),
    words: z.array(z.object({ query: z.string(), entry: z.string(), similarity: z.number() })),
    unmatchedQueryWords: z.array(z.string()),
    unmatchedEntryWords: z.array(z.string()),
    /** Why the score is what it is, one reason a line. */
    reasons: z.array(z.string()),
  }),
});
export const screeningResponseSchema = z.object({
  thresholds: z.object({ match: z.number(), review: z.number() }),
  results: z.array(z.object({ name: z.string(), matches: z.array(screeningMatchSchema) })),
});
export type ScreeningResponse = z.infer<typeof screeningResponseSchema>;
