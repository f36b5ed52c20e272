import "server-only";
import { jobSchema, jobsPageSchema } from "@/lib/validation/jobs";
import { z } from "zod";
import type { checkHealth } from "@/lib/services/health";
import { component, jsonContent, type Fits, type OpenApiKit, type Result } from "../kit";
import * as adminJobsByIdRetryRoute from "@/app/api/admin/jobs/[id]/retry/route";
import * as adminJobsRoute from "@/app/api/admin/jobs/route";
import * as healthRoute from "@/app/api/health/route";
import * as openapiJsonRoute from "@/app/api/openapi.json/route";

// Health, the job queue and this document.

const healthSchema = z.object({ status: z.literal("ok"), db: z.enum(["pglite", "postgres"]), version: z.string() });
void (true satisfies Fits<Result<typeof checkHealth>, z.infer<typeof healthSchema>>);

export function registerOperations(kit: OpenApiKit) {
  const { operation, ok, ErrorBody } = kit;
  const Health = component("Health", healthSchema);
  const Job = component("Job", jobSchema);
  const JobPage = component("JobPage", jobsPageSchema);
  operation({
    method: "get",
    path: "/api/admin/jobs",
    operationId: "listJobs",
    tag: "Operations",
    summary: "The job queue: queued, running, completed and failed jobs, newest first",
    description: "The instance's jobs (scheduled list imports) and your team's own; never another team's.",
    route: adminJobsRoute.GET,
    responses: { 200: ok("A page of jobs", JobPage) },
  });
  operation({
    method: "post",
    path: "/api/admin/jobs/{id}/retry",
    operationId: "retryJob",
    tag: "Operations",
    summary: "Run a failed job again (one more attempt)",
    route: adminJobsByIdRetryRoute.POST,
    id: "job",
    responses: { 200: ok("The job, waiting to run", Job) },
    errors: { conflict: "The job has not failed", service_unavailable: "The job queue is not running in this server" },
  });
  operation({
    method: "get",
    path: "/api/health",
    operationId: "health",
    tag: "Operations",
    summary: "Liveness, which database, which version",
    description: "Makes a round trip to the database.",
    route: healthRoute.GET,
    responses: {
      200: ok("Up, and the database answers", Health),
      500: { description: "The database does not answer", content: jsonContent(ErrorBody) },
    },
  });
  operation({
    method: "get",
    path: "/api/openapi.json",
    operationId: "openapi",
    tag: "Operations",
    summary: "This OpenAPI 3.1 document",
    route: openapiJsonRoute.GET,
    responses: { 200: { description: "The document", content: { "application/json": { schema: { type: "object" } } } } },
  });
}
