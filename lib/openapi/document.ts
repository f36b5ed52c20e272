import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import packageJson from "@/package.json";
import { registerAuth } from "./auth";
import { registerBriefings } from "./briefings";
import { registerComments } from "./comments";
import { registerDashboard } from "./dashboard";
import { registerEmail } from "./email";
import { registerEntities } from "./entities";
import { registerEvidence } from "./evidence";
import { registerIssues } from "./issues";
import { registerNotifications } from "./notifications";
import { registerMonitoring } from "./monitoring";
import { openApiKit, type DocumentedRoute } from "./kit";
import { registerOperations } from "./operations";
import { registerSanctions } from "./sanctions";
import { registerTeam } from "./team";
import { registerWebhooks } from "./team/webhooks";

// The OpenAPI 3.1 document of /api (issue 3), split by resource as dub's lib/openapi/<resource>/: each module
// registers its routes' operations, reading each one's role, body and query from the route's own
// declaration (`route({ role, body, query })`), and the responses from the zod schemas in lib/validation.
// No shape is written twice. lib/openapi/document.test.ts fails when a route under app/api is missing here,
// or when an operation and its route disagree.

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

/** Every resource's operations, registered with one kit. */
function register() {
  const kit = openApiKit(new OpenAPIRegistry());
  for (const registerResource of [registerIssues, registerEvidence, registerBriefings, registerDashboard, registerTeam, registerWebhooks, registerOperations, registerSanctions, registerEntities, registerComments, registerNotifications, registerEmail, registerMonitoring, registerAuth]) {
    registerResource(kit);
  }
  return kit;
}

/** Each documented operation with the route declaration it was read from (the test compares them with app/api). */
export const documentedRoutes = (): DocumentedRoute[] => register().documented;

/** Builds the whole document (a few milliseconds; the route caches it). */
export function buildOpenApiDocument(): OpenApiDocument {
  const generator = new OpenApiGeneratorV31(register().registry.definitions);
  return generator.generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Sanctions Watch API",
      version: packageJson.version,
      description:
        "The REST API of Sanctions Watch: JSON in and out, every record scoped to the caller's team. " +
        "Errors share one body, `{ error: { code, message, details? } }` (schema ErrorBody), with the HTTP status set by the code. " +
        "Changes to an issue need `If-Match` with the version from its ETag.",
    },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [
      { name: "Issues", description: "The watchlist" },
      { name: "Evidence", description: "Documents, sources and the evidence linking them to issues" },
      { name: "Briefings", description: "Immutable snapshots and their exports" },
      { name: "Dashboard", description: "The numbers behind the dashboard" },
      { name: "Team", description: "Members, invitations, API tokens, teams and the audit log" },
      { name: "Operations", description: "Health, the job queue and this document" },
      { name: "Auth", description: "Sessions (better-auth)" },
      { name: "Sanctions", description: "Sanctions lists, their releases and entries (the same for every team), and screening names" },
      { name: "Entities", description: "The companies, people, vessels and aircraft the team tracks, and their hits on the lists" },
      { name: "Comments", description: "Plain-text comments with @mentions on issues and tracked entities" },
      { name: "Notifications", description: "Follows of issues, entities and categories, and your notifications of what happens to them" },
      { name: "Monitoring", description: "The sources' feeds, polled on a schedule, and their health" },
    ],
  });
}
