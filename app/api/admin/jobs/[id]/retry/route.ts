// POST /api/admin/jobs/{id}/retry – run a failed job again (admins)
import { json, route } from "@/lib/api/route";
import { retryJob } from "@/lib/services/jobs";

export const POST = route({ role: "admin" }, async ({ actor, params }) => json(await retryJob(actor, params.id!)));
