import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { expect, unique } from "./fixtures";

// Shared by the designation-watch specs (issue 13): a list of this run's own, and the WCAG 2.1 AA scan.

const sdnLines = gunzipSync(readFileSync(sanctionsFixturePath("ofacSdn2024Apr26"))).toString("utf8").split("\n");

/**
 * Real OFAC SDN lines of 26 April 2024, by line (0-based, end excluded). Each spec imports its own slice: lists are
 * the instance's and an import re-screens every team's entities, so a slice shared by specs running side by side
 * would give one spec's entity a new hit from the other's import.
 */
export const SDN_SLICES = { entities: [0, 33], issueActors: [33, 66] } as const;

/** Imports a slice of real OFAC SDN lines into a new list of this run's own; its slug. */
export async function importSdnList(request: APIRequestContext, prefix: string, [from, to]: readonly [number, number]): Promise<string> {
  const list = unique(prefix).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const lines = sdnLines.slice(from, to).join("\n");
  const imported = await request.post("/api/sanctions/releases", {
    multipart: { file: { name: "sdn.csv", mimeType: "text/csv", buffer: Buffer.from(`${lines}\n`) }, list, publishedAt: "2024-04-26" },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  return list;
}

export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
