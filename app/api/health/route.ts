// GET /api/health – liveness, which database, which version (no sign-in needed)
import { json, route } from "@/lib/api/route";
import { checkHealth } from "@/lib/services/health";

export const dynamic = "force-dynamic";

export const GET = route({ role: "public" }, async () => json(await checkHealth()));
