// POST /api/sanctions/releases – import a list file (multipart `file`, optional `list`, `format`, `force`,
// `publishedAt`) as a new release; only for the people in LIST_ADMINS
import { readListUpload } from "@/lib/api/list-upload";
import { json, parse, route } from "@/lib/api/route";
import { releaseImported } from "@/lib/jobs/release-imported";
import { assertListAdmin, importRelease } from "@/lib/services/sanctions/import";
import { importReleaseFieldsSchema } from "@/lib/validation/sanctions";

export const POST = route({ role: "viewer" }, async ({ actor, request }) => {
  // Before the body is read: nobody else may make the server read 100 MB.
  await assertListAdmin(actor);
  const { file, fields } = await readListUpload(request);
  const options = parse(importReleaseFieldsSchema, fields);
  const release = await importRelease(file, { ...options, importedBy: actor.userId! });
  await releaseImported(release.id);
  return json(release, { status: 201, headers: { Location: `/api/sanctions/releases/${release.id}/changes` } });
});
