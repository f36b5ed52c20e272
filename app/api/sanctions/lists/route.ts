// GET /api/sanctions/lists – the sanctions lists and their latest releases (the same for every team), and
// whether the caller may import (LIST_ADMINS)
import { json, route } from "@/lib/api/route";
import { listSanctionsLists } from "@/lib/services/sanctions/lists";

export const GET = route({ role: "viewer" }, async ({ actor }) => json(await listSanctionsLists(actor)));
