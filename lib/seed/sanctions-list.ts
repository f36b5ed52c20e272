import "server-only";
import { readFileSync } from "node:fs";
import { db } from "@/lib/db/client";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { importRelease } from "@/lib/services/sanctions/import";

// The demo's sanctions list: the OFAC SDN release of 26 April 2024, the state of the list the week the reference
// article appeared. The README shows how to import the 1 May 2024 release (shipped in the repository, 298
// designations for supplying Russia's military-industrial base) and watch the hits arrive.

/** Imports the demo release into the list (`ofac-sdn`) unless it has a release already; says what it did. */
export async function seedSanctionsList(list = "ofac-sdn"): Promise<string> {
  if ((await db.sanctionsRelease.count({ where: { list: { slug: list } } })) > 0) return "The sanctions list is already imported.";
  const release = await importRelease(readFileSync(sanctionsFixturePath("ofacSdn2024Apr26")), {
    list,
    publishedAt: new Date("2024-04-26T00:00:00Z"),
    importedBy: "seed",
  });
  return `Imported the OFAC SDN release of 26 April 2024 (${release.entries.toLocaleString("en")} entries).`;
}
