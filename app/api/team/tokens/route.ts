// GET /api/team/tokens – the team's API tokens (never their secrets) (admins)
// POST /api/team/tokens – create a token with a role and optional expiry; the secret is shown once (admins)
import { json, route } from "@/lib/api/route";
import { createApiToken, listApiTokens } from "@/lib/services/api-tokens";
import { createApiTokenSchema } from "@/lib/validation/team";

export const GET = route({ role: "admin" }, async ({ actor }) => json({ items: await listApiTokens(actor) }));

export const POST = route({ role: "admin", body: createApiTokenSchema }, async ({ actor, body }) => json(await createApiToken(actor, body), { status: 201 }));
