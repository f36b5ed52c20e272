// GET /api/admin/jobs – the job queue: queued, running, completed and failed jobs, newest first (admins)
import { json, route } from "@/lib/api/route";
import { listJobs } from "@/lib/services/jobs";
import { jobsQuerySchema } from "@/lib/validation/jobs";

export const GET = route({ role: "admin", query: jobsQuerySchema }, async ({ actor, query }) => json(await listJobs(actor, query)));
