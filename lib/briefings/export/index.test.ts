import { describe, expect, it } from "vitest";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import {
  attachmentDisposition,
  BRIEFING_FORMAT_NAMES,
  briefingFileName,
  briefingFormats,
  briefingFormatSchema,
  isBriefingFormat,
  renderBriefing,
  slugify,
} from "@/lib/briefings/export/index";

describe("briefing formats", () => {
  it("lists md, docx, pdf, csv and json with their media types", () => {
    expect(BRIEFING_FORMAT_NAMES).toEqual(["md", "docx", "pdf", "csv", "json"]);
    expect(briefingFormats.md.mediaType).toBe("text/markdown; charset=utf-8");
    expect(briefingFormats.docx.mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(briefingFormats.pdf.mediaType).toBe("application/pdf");
    expect(briefingFormats.csv.mediaType).toBe("text/csv; charset=utf-8");
    expect(briefingFormats.json.mediaType).toBe("application/json; charset=utf-8");
  });

  it("validates a format name", () => {
    expect(briefingFormatSchema.safeParse("pdf").success).toBe(true);
    expect(briefingFormatSchema.safeParse("xlsx").success).toBe(false);
    expect(isBriefingFormat("csv")).toBe(true);
    expect(isBriefingFormat("toString")).toBe(false);
    expect(isBriefingFormat(undefined)).toBe(false);
  });
});

describe("file names", () => {
  it("slugs the title and adds the UTC date and extension", () => {
    expect(briefingFileName(fixtureSnapshot, "pdf")).toBe(
      "chinas-support-to-russias-defence-industry-sanctions-outlook-2024-04-22.pdf",
    );
    expect(briefingFileName({ title: "Weekly", createdAt: "2024-04-21T23:30:00-02:00" }, "md")).toBe("weekly-2024-04-22.md");
  });

  it.each([
    ["Écoles & Banques: Q2/2024", "ecoles-banques-q2-2024"],
    ["制裁", "briefing"],
    ["---", "briefing"],
    ["a".repeat(80), "a".repeat(60)],
    [`${"word ".repeat(20)}end`, "word-word-word-word-word-word-word-word-word-word-word-word"],
  ])("slugify(%j) = %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("makes an attachment Content-Disposition", () => {
    expect(attachmentDisposition("a-2024-04-22.csv")).toBe('attachment; filename="a-2024-04-22.csv"');
    expect(attachmentDisposition('x"\r\n.csv')).toBe('attachment; filename="x___.csv"');
  });

  it("renders a download with body, media type and disposition", async () => {
    const download = await renderBriefing(fixtureSnapshot, "json");
    expect(download.mediaType).toBe("application/json; charset=utf-8");
    expect(download.fileName).toMatch(/^chinas-.*-2024-04-22\.json$/);
    expect(download.contentDisposition).toBe(`attachment; filename="${download.fileName}"`);
    expect(JSON.parse(new TextDecoder().decode(download.body)).id).toBe(fixtureSnapshot.id);
  });
});
