import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "@/lib/query/api";
import { apiMessage, errorsFromApi, errorsFromZod, formMessages, placeErrors } from "./forms";

describe("the form kit's error placement", () => {
  const place = (path: string, message: string): [string, string] => (path.startsWith("tags") ? ["tags", `${path}: ${message}`] : ["form", message]);

  it("puts a 422's field details beside the fields, and anything else above the form", () => {
    const unprocessable = new ApiError(422, "validation_failed", "Invalid input", { fields: { title: ["Required"], "tags.1": ["Too long"] } });
    expect(errorsFromApi(unprocessable)).toEqual({ title: ["Required"], "tags.1": ["Too long"] });
    expect(errorsFromApi(unprocessable, { place })).toEqual({ form: ["Required"], tags: ["tags.1: Too long"] });
    expect(errorsFromApi(new ApiError(404, "not_found", "Issue not found"))).toEqual({ form: ["Issue not found"] });
    expect(errorsFromApi(new Error("boom"))).toEqual({ form: ["Something went wrong. Try again."] });
  });

  it("says which role an action needs when the API refuses it", () => {
    expect(apiMessage(new ApiError(403, "forbidden", "Forbidden"), "You need the analyst role.")).toBe("You need the analyst role.");
    expect(apiMessage(new ApiError(401, "unauthenticated", "No session"))).toMatch(/Sign in again/);
  });

  it("places the schema's messages, in people's words", () => {
    const schema = z.object({ title: z.string().min(1), tags: z.array(z.string().max(3)) });
    const parsed = schema.safeParse({ title: "", tags: ["ok", "toolong"] }, { error: formMessages });
    expect(parsed.success).toBe(false);
    expect(errorsFromZod(parsed.error!)).toEqual({ title: ["Required"], "tags.1": ["Too long: use at most 3 characters"] });
  });

  it("keeps every message of a field, in order", () => {
    expect(placeErrors([["title", ["a", "b"]], ["title", ["c"]]])).toEqual({ title: ["a", "b", "c"] });
  });
});
