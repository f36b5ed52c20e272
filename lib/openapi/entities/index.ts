import "server-only";
import { documentNamesSchema, entityDetailSchema, entityHistorySchema, entityPageSchema, hitSchema, trackedEntitiesSchema } from "@/lib/validation/entities";
import { component, type OpenApiKit } from "../kit";
import * as documentsByIdEntitiesRoute from "@/app/api/documents/[id]/entities/route";
import * as entitiesByIdHistoryRoute from "@/app/api/entities/[id]/history/route";
import * as entitiesByIdMergeRoute from "@/app/api/entities/[id]/merge/route";
import * as entitiesByIdRoute from "@/app/api/entities/[id]/route";
import * as entitiesRoute from "@/app/api/entities/route";
import * as hitsByIdRoute from "@/app/api/hits/[id]/route";
import * as issuesByIdEntitiesRoute from "@/app/api/issues/[id]/entities/route";

// The entities a team tracks (issue 13), and their hits on the lists.

export function registerEntities(kit: OpenApiKit) {
  const { operation, ok, created, noContent, etagHeader, locationHeader } = kit;
  const EntityDetail = component("EntityDetail", entityDetailSchema, "A tracked entity with its hits (best first), issues and documents.");
  const TrackedEntities = component("TrackedEntities", trackedEntitiesSchema);
  operation({
    method: "get",
    path: "/api/entities",
    operationId: "listEntities",
    tag: "Entities",
    summary: "The entities the team tracks, by name, filtered and paged",
    route: entitiesRoute.GET,
    responses: { 200: ok("A page of entities with the total count", component("EntityPage", entityPageSchema)) },
  });
  operation({
    method: "post",
    path: "/api/entities",
    operationId: "createEntity",
    tag: "Entities",
    summary: "Track an entity",
    description: "It is screened at once against every list's latest release; its hits come back with it.",
    route: entitiesRoute.POST,
    body: { id: "CreateEntity", description: "The entity, and the issues and documents to link it to" },
    responses: { 201: created("The entity as stored, screened", EntityDetail, { ETag: etagHeader.ref, Location: locationHeader }) },
    errors: { not_found: "An issue or document not in your team" },
  });
  operation({
    method: "get",
    path: "/api/entities/{id}",
    operationId: "getEntity",
    tag: "Entities",
    summary: "One entity with its hits, issues and documents",
    route: entitiesByIdRoute.GET,
    id: "entity",
    responses: { 200: ok("The entity", EntityDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "patch",
    path: "/api/entities/{id}",
    operationId: "updateEntity",
    tag: "Entities",
    summary: "Change an entity",
    description: "New names, type, country or identifiers are screened at once.",
    route: entitiesByIdRoute.PATCH,
    id: "entity",
    ifMatch: true,
    body: { id: "UpdateEntity", description: "The fields to change" },
    responses: { 200: ok("The entity as stored", EntityDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "delete",
    path: "/api/entities/{id}",
    operationId: "deleteEntity",
    tag: "Entities",
    summary: "Stop tracking an entity",
    description: "Its links and hits go; its history stays.",
    route: entitiesByIdRoute.DELETE,
    id: "entity",
    ifMatch: true,
    responses: { 204: noContent },
  });
  operation({
    method: "post",
    path: "/api/entities/{id}/merge",
    operationId: "mergeEntities",
    tag: "Entities",
    summary: "Merge another entity into this one",
    description: "The other's name and aliases become aliases; its issues, documents and hits move over (decisions kept); then it is deleted.",
    route: entitiesByIdMergeRoute.POST,
    id: "entity",
    ifMatch: true,
    body: { id: "MergeEntity", description: "The entity to merge into this one" },
    responses: { 200: ok("The merged entity", EntityDetail, { ETag: etagHeader.ref }) },
    errors: { not_found: "No such entity, or no such entity to merge, in your team", validation_failed: "An entity merged into itself" },
  });
  operation({
    method: "get",
    path: "/api/entities/{id}/history",
    operationId: "entityHistory",
    tag: "Entities",
    summary: "The entity's timeline: changes, hits found and decisions, comments, oldest first",
    route: entitiesByIdHistoryRoute.GET,
    id: "entity",
    responses: { 200: ok("The events", component("EntityHistory", entityHistorySchema)) },
  });
  operation({
    method: "patch",
    path: "/api/hits/{id}",
    operationId: "decideHit",
    tag: "Entities",
    summary: "Confirm a hit or mark it a false positive, with a note",
    description: "The decision holds for later releases unless the entry itself changes; `null` takes it back.",
    route: hitsByIdRoute.PATCH,
    id: "hit",
    body: { id: "DecideHit", description: "The decision and a note" },
    responses: { 200: ok("The hit as stored", component("Hit", hitSchema)) },
  });
  operation({
    method: "post",
    path: "/api/issues/{id}/entities",
    operationId: "trackIssueActors",
    tag: "Entities",
    summary: "Track the issue's actors as entities",
    description: "All of them, or those named; an entity of the same name (or alias) is linked rather than made again. New ones are screened at once.",
    route: issuesByIdEntitiesRoute.POST,
    id: "issue",
    body: { id: "TrackActors", description: "Which actors, and their type" },
    responses: { 201: created("The entities made and those linked", TrackedEntities) },
    errors: { validation_failed: "The issue names no actors" },
  });
  operation({
    method: "get",
    path: "/api/documents/{id}/entities",
    operationId: "documentNames",
    tag: "Entities",
    summary: "The people and organisations a document names, and what they are tied to",
    description:
      "The document's analysis finds them, each with the other ways the text writes it (`aliases`) and its `mentions`. " +
      "`entity` is the team's entity of that name or of one of its aliases of more than one word (`onDocument` says whether it is linked to this document); " +
      "`listEntries` are the entries of the lists' latest releases the name matches at the match threshold or above, best first (at most three).",
    route: documentsByIdEntitiesRoute.GET,
    id: "document",
    responses: { 200: ok("The names found, organisations first", component("DocumentNames", documentNamesSchema)) },
  });
  operation({
    method: "post",
    path: "/api/documents/{id}/entities",
    operationId: "trackDocumentNames",
    tag: "Entities",
    summary: "Track the people and organisations a document names",
    description: "Those given, or every one the document's analysis finds; an entity of the same name (or alias) is linked rather than made again.",
    route: documentsByIdEntitiesRoute.POST,
    id: "document",
    body: { id: "TrackDocumentNames", description: "The names and their types; leave out `names` for all the analysis finds" },
    responses: { 201: created("The entities made and those linked", TrackedEntities) },
    errors: { validation_failed: "The document names no people or organisations" },
  });
}
