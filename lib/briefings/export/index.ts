import type { BriefingSnapshot } from "@/lib/briefings/snapshot";
import { exportCsv } from "@/lib/briefings/export/csv";
import { exportDocx } from "@/lib/briefings/export/docx";
import {
  attachmentDisposition,
  briefingFileName,
  briefingFormatInfo,
  type BriefingFormatName,
} from "@/lib/briefings/export/formats";
import { exportJson } from "@/lib/briefings/export/json";
import { exportMarkdown } from "@/lib/briefings/export/markdown";
import { exportPdf } from "@/lib/briefings/export/pdf";

// The renderers behind each format of formats.ts. This module loads pdfkit and docx: the server renders
// through lib/workers/pool.ts (a worker thread), so only the worker and tests import it directly.

export {
  attachmentDisposition,
  BRIEFING_FORMAT_NAMES,
  briefingFileName,
  briefingFormatSchema,
  isBriefingFormat,
  slugify,
  type BriefingFormatName,
} from "@/lib/briefings/export/formats";

export interface BriefingFormat {
  mediaType: string;
  extension: string;
  label: string;
  render: (snapshot: BriefingSnapshot) => Promise<Uint8Array>;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const briefingFormats = {
  md: { ...briefingFormatInfo.md, render: async (s) => utf8(exportMarkdown(s)) },
  docx: { ...briefingFormatInfo.docx, render: exportDocx },
  pdf: { ...briefingFormatInfo.pdf, render: exportPdf },
  csv: { ...briefingFormatInfo.csv, render: async (s) => utf8(exportCsv(s)) },
  json: { ...briefingFormatInfo.json, render: async (s) => utf8(exportJson(s)) },
} as const satisfies Record<BriefingFormatName, BriefingFormat>;

export interface RenderedBriefing {
  body: Uint8Array;
  mediaType: string;
  fileName: string;
  contentDisposition: string;
}

/** Everything a route handler needs to answer an export request. */
export async function renderBriefing(snapshot: BriefingSnapshot, format: BriefingFormatName): Promise<RenderedBriefing> {
  const { mediaType, render } = briefingFormats[format];
  const fileName = briefingFileName(snapshot, format);
  return { body: await render(snapshot), mediaType, fileName, contentDisposition: attachmentDisposition(fileName) };
}
