// GET /api/sanctions/lists – the sanctions lists and their latest releases (the same for every team)
import { json, route } from "@/lib/api/route";
import { listSanctionsLists } from "@/lib/services/sanctions/lists";

export const GET = route({ role: "viewer" }, async () => json({ items: await listSanctionsLists() }));
