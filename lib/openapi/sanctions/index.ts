import "server-only";
import { z } from "zod";
import type { listSanctionsLists, releaseChanges } from "@/lib/services/sanctions/lists";
import {
  changePageSchema,
  entrySchema,
  importReleaseFieldsSchema,
  MAX_LIST_FILE_BYTES,
  MAX_SCREENING_NAMES,
  releaseSummarySchema,
  sanctionsListsSchema,
  screeningResponseSchema,
} from "@/lib/validation/sanctions";
import { component, type Fits, type OpenApiKit, type Result } from "../kit";
import * as sanctionsEntriesByIdRoute from "@/app/api/sanctions/entries/[id]/route";
import * as sanctionsListsRoute from "@/app/api/sanctions/lists/route";
import * as sanctionsReleasesByIdChangesRoute from "@/app/api/sanctions/releases/[id]/changes/route";
import * as sanctionsReleasesRoute from "@/app/api/sanctions/releases/route";
import * as screeningRoute from "@/app/api/screening/route";

// Sanctions lists and screening (issue 13): the instance's lists, the same for every team.

void (true satisfies Fits<Result<typeof listSanctionsLists>, z.infer<typeof sanctionsListsSchema>>);
void (true satisfies Fits<Result<typeof releaseChanges>, z.infer<typeof changePageSchema>>);

export function registerSanctions(kit: OpenApiKit) {
  const { operation, ok, created, locationHeader } = kit;
  const ReleaseSummary = component("ReleaseSummary", releaseSummarySchema, "An imported release with its changes since the list's release before (none for a list's first).");
  const SanctionsListList = component("SanctionsListList", sanctionsListsSchema);
  const ImportRelease = component(
    "ImportRelease",
    importReleaseFieldsSchema.extend({
      file: z.string().meta({ description: `The list file, gzipped or not (${MAX_LIST_FILE_BYTES / 1024 / 1024} MB at most, decompressed)`, contentMediaType: "application/octet-stream" }),
      force: z.enum(["true", "false", "1", "0"]).optional().meta({ description: "Import even a file that shrinks the list by more than 20 %" }),
      publishedAt: z.string().optional().meta({ description: "The publication date, when the file does not state it (the UN list does); default: now" }),
    }),
  );
  operation({
    method: "get",
    path: "/api/sanctions/lists",
    operationId: "listSanctionsLists",
    tag: "Sanctions",
    summary: "The sanctions lists and their releases, newest first",
    description: "`canImport` says whether the caller may import releases (their email is in LIST_ADMINS), so a page can offer the upload.",
    route: sanctionsListsRoute.GET,
    responses: { 200: ok("The lists", SanctionsListList) },
  });
  operation({
    method: "post",
    path: "/api/sanctions/releases",
    operationId: "importSanctionsRelease",
    tag: "Sanctions",
    summary: "Import a list file as the list's newest release",
    description:
      "Only for the people whose email is in LIST_ADMINS. Formats: OFAC sdn.csv, UN consolidated XML, OpenSanctions targets.simple.csv, FollowTheMoney JSON lines (sniffed unless `format` says). " +
      "The import is all or nothing.",
    route: sanctionsReleasesRoute.POST,
    body: { description: "A multipart upload (JSON is refused with 415)", json: ImportRelease, multipart: ImportRelease },
    responses: { 201: created("The release", ReleaseSummary, { Location: locationHeader }) },
    errors: {
      forbidden: "Not a list admin (LIST_ADMINS), or a cross-origin browser request",
      conflict: "This file is already a release of the list",
      payload_too_large: `The file is larger than ${MAX_LIST_FILE_BYTES / 1024 / 1024} MB (decompressed)`,
      validation_failed: "An empty, unknown, malformed (`details.line`, `details.record`) or older file, or one that shrinks the list by more than 20 % without `force`",
    },
  });
  operation({
    method: "get",
    path: "/api/sanctions/releases/{id}/changes",
    operationId: "sanctionsReleaseChanges",
    tag: "Sanctions",
    summary: "What a release changed: added, removed and changed entries, filtered and paged",
    description:
      "Filters: `program` and `country` as the list writes them, `type`, and `q` (words of the name or an alias, case-insensitive, or the list's own id). " +
      "`facets` holds each filter's values among the release's changes of the `kind` asked, with their counts.",
    route: sanctionsReleasesByIdChangesRoute.GET,
    id: "release",
    responses: { 200: ok("A page of changes and the release", component("ChangePage", changePageSchema)) },
    errors: { not_found: "No such release" },
  });
  operation({
    method: "get",
    path: "/api/sanctions/entries/{id}",
    operationId: "getSanctionsEntry",
    tag: "Sanctions",
    summary: "One entry of a release, whole",
    route: sanctionsEntriesByIdRoute.GET,
    id: "entry",
    responses: { 200: ok("The entry", component("SanctionsEntry", entrySchema)) },
    errors: { not_found: "No such entry" },
  });
  operation({
    method: "post",
    path: "/api/screening",
    operationId: "screenNames",
    tag: "Sanctions",
    summary: `Match up to ${MAX_SCREENING_NAMES} names against the latest release of every list`,
    description: "Each result's matches are best first, only those at or above the review threshold; writes nothing.",
    route: screeningRoute.POST,
    body: { id: "ScreeningRequest", description: "The names, with an optional type and country each" },
    responses: { 200: ok("The matches of each name, in the order sent", component("ScreeningResponse", screeningResponseSchema)) },
  });
}
