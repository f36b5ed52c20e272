import { z } from "zod";
import { reliabilities } from "@/lib/domain/grading";
import { shortText } from "./common";

export const reliabilitySchema = z.enum(reliabilities);

export const createSourceSchema = z.strictObject({
  name: shortText(200).min(1),
  kind: z.enum(["outlet", "ministry", "agency", "company", "think_tank", "other"]).default("outlet"),
  url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
  reliability: reliabilitySchema.default("F"),
});
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

export const updateSourceSchema = createSourceSchema.partial().refine((v) => Object.keys(v).length > 0, { message: "Change at least one field" });
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

export const sourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  url: z.string().nullable(),
  reliability: reliabilitySchema,
  documentCount: z.number().int(),
});
export type SourceView = z.infer<typeof sourceSchema>;
