import { describe, expect, it, vi } from "vitest";
import { AppError } from "./errors";

describe("AppError", () => {
  it("is recognised across copies of its module (Next.js bundles one per layer), and nothing else is one", async () => {
    vi.resetModules();
    const copy = await import("./errors");
    expect(copy.AppError).not.toBe(AppError);
    const error = new copy.AppError("unsupported_media_type", "Upload a .txt, .md, .html or .pdf file");
    expect(error instanceof AppError).toBe(true);
    expect(new AppError("not_found", "x") instanceof copy.AppError).toBe(true);
    for (const other of [new Error("x"), { code: "not_found" }, null, "AppError"]) expect(other instanceof AppError).toBe(false);
  });
});
