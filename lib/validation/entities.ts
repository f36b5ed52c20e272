import { z } from "zod";
import { ENTRY_TYPES } from "@/lib/sanctions/entry";
import { countryCode } from "@/lib/sanctions/match/countries";
import { booleanParam, idSchema, pageOf, pageParams, shortText } from "./common";
import { eventSchema } from "./issues";
import { screeningMatchSchema } from "./sanctions";

// Tracked entities and their hits (issue 13; DESIGN.md "Watching the world").

export const entityTypeSchema = z.enum(ENTRY_TYPES);
export const IDENTIFIER_KINDS = ["imo", "mmsi", "call_sign", "tax", "registration", "passport", "national_id", "swift_bic", "other"] as const;
export const HIT_DECISIONS = ["confirmed", "false_positive"] as const;
export const HIT_LEVELS = ["match", "review"] as const;

const name = shortText(300).min(1, "Give a name");

/** A country name or code ("Russia", "RU"), stored as its ISO 3166 alpha-2 code. */
export const entityCountrySchema = z
  .string()
  .trim()
  .max(100)
  .transform((value, ctx) => {
    const code = countryCode(value);
    if (code) return code;
    ctx.addIssue({ code: "custom", message: "Use a country name or ISO two-letter code, e.g. RU" });
    return z.NEVER;
  });

export const entityIdentifierSchema = z.strictObject({
  kind: z.enum(IDENTIFIER_KINDS).optional(),
  value: shortText(100).min(1, "Give the identifier"),
});

const entityFields = {
  type: entityTypeSchema,
  name,
  aliases: z.array(name).max(50),
  country: entityCountrySchema.nullable(),
  identifiers: z.array(entityIdentifierSchema).max(20),
  notes: z.string().trim().max(5_000),
};

export const createEntitySchema = z.strictObject({
  ...entityFields,
  aliases: entityFields.aliases.default([]),
  country: entityFields.country.default(null),
  identifiers: entityFields.identifiers.default([]),
  notes: entityFields.notes.default(""),
  /** Issues whose actor this is, and documents that name it. */
  issueIds: z.array(idSchema).max(50).default([]),
  documentIds: z.array(idSchema).max(50).default([]),
});
export type CreateEntityInput = z.infer<typeof createEntitySchema>;

export const updateEntitySchema = z
  .strictObject({
    type: entityFields.type.optional(),
    name: entityFields.name.optional(),
    aliases: entityFields.aliases.optional(),
    country: entityFields.country.optional(),
    identifiers: entityFields.identifiers.optional(),
    notes: entityFields.notes.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: "Change at least one field" });
export type UpdateEntityInput = z.infer<typeof updateEntitySchema>;

export const listEntitiesQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  type: entityTypeSchema.optional(),
  /** Entities with hits waiting for review (true) or without (false). */
  hasHits: booleanParam.optional(),
  /** Entities with a hit of this level waiting for review. */
  level: z.enum(HIT_LEVELS).optional(),
  /** Entities among this issue's actors. */
  issue: idSchema.optional(),
  ...pageParams,
});
export type ListEntitiesQuery = z.infer<typeof listEntitiesQuerySchema>;

export const mergeEntitySchema = z.strictObject({ from: idSchema.describe("The entity merged into this one, then deleted") });
export type MergeEntityInput = z.infer<typeof mergeEntitySchema>;

/** Tracks an issue's actors as entities: all of them, or those named; existing entities of the same name are linked. */
export const trackActorsSchema = z.strictObject({
  actors: z.array(name).min(1).max(100).optional(),
  type: entityTypeSchema.default("organization"),
});
export type TrackActorsInput = z.infer<typeof trackActorsSchema>;

/** Tracks the people and organisations a document names: those given, or every one its analysis finds. */
export const trackDocumentNamesSchema = z.strictObject({
  names: z
    .array(z.strictObject({ name, type: z.enum(["person", "organization"]) }))
    .min(1)
    .max(100)
    .optional(),
});
export type TrackDocumentNamesInput = z.infer<typeof trackDocumentNamesSchema>;

export const decideHitSchema = z.strictObject({
  /** null takes a decision back: the hit waits for review again. */
  decision: z.enum(HIT_DECISIONS).nullable(),
  note: z.string().trim().max(5_000).default(""),
});
export type DecideHitInput = z.infer<typeof decideHitSchema>;

export const hitSchema = z.object({
  id: z.string(),
  entityId: z.string(),
  list: z.string(),
  listName: z.string(),
  sourceId: z.string(),
  entryId: z.string(),
  /** The entry's name as the list writes it. */
  name: z.string(),
  programs: z.array(z.string()),
  score: z.number(),
  level: z.enum(HIT_LEVELS),
  matchedName: z.string(),
  explanation: screeningMatchSchema.shape.explanation,
  /** The release it was first found in. */
  firstSeen: z.object({ releaseId: z.string(), publishedAt: z.string() }),
  decision: z.enum(HIT_DECISIONS).nullable(),
  note: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** When it stopped matching (the entry left the list, or the entity's names changed); null while it holds. */
  goneAt: z.string().nullable(),
});
export type HitView = z.infer<typeof hitSchema>;

/** A confirmed hit still on its list: list, program and since when. */
export const designationSchema = z.object({
  hitId: z.string(),
  list: z.string(),
  sourceId: z.string(),
  name: z.string(),
  programs: z.array(z.string()),
  since: z.string(),
});
export type Designation = z.infer<typeof designationSchema>;

export const entitySummarySchema = z.object({
  id: z.string(),
  type: entityTypeSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  country: z.string().nullable(),
  identifiers: z.array(z.object({ kind: z.enum(IDENTIFIER_KINDS).optional(), value: z.string() })),
  notes: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  issues: z.array(z.object({ id: z.string(), title: z.string() })),
  /** Hits waiting for review. */
  reviewCount: z.number().int(),
  designations: z.array(designationSchema),
});
export type EntitySummary = z.infer<typeof entitySummarySchema>;

export const entityDetailSchema = entitySummarySchema.extend({
  documents: z.array(z.object({ id: z.string(), title: z.string(), publishedAt: z.string().nullable() })),
  /** Every hit, best first: waiting, decided, and gone ones. */
  hits: z.array(hitSchema),
});
export type EntityDetail = z.infer<typeof entityDetailSchema>;

export const entityPageSchema = pageOf(entitySummarySchema);
export type EntityPage = z.infer<typeof entityPageSchema>;

export const trackedEntitiesSchema = z.object({
  /** Entities made now; `linked`: existing ones of the same name, linked. */
  created: z.array(entitySummarySchema),
  linked: z.array(entitySummarySchema),
});
export type TrackedEntities = z.infer<typeof trackedEntitiesSchema>;

/** A person or organisation a document's analysis finds, and what it is tied to (issue 16). */
export const foundNameSchema = z.object({
  name: z.string(),
  type: z.enum(["person", "organization"]),
  /** The other ways the document writes it ("BIS" for "Bureau of Industry and Security"). */
  aliases: z.array(z.string()),
  mentions: z.number().int(),
  /** The team's entity of this name or one of its aliases, linked to this document or not; null when none. */
  entity: z.object({ id: z.string(), name: z.string(), onDocument: z.boolean() }).nullable(),
  /** Entries of the lists' latest releases the name matches (at the match threshold or above), best first. */
  listEntries: z.array(screeningMatchSchema.pick({ entryId: true, list: true, sourceId: true, name: true, score: true })),
});
export type FoundName = z.infer<typeof foundNameSchema>;

export const documentNamesSchema = z.object({ names: z.array(foundNameSchema) });
export type DocumentNames = z.infer<typeof documentNamesSchema>;

export const entityHistorySchema = z.array(eventSchema);
