// GET /api/notifications/preferences – your email settings per kind of notification, and your feed's state
// PUT /api/notifications/preferences – set some kinds' email: immediate, daily, weekly or off
import { json, route } from "@/lib/api/route";
import { getEmailPreferences, setEmailPreferences } from "@/lib/services/email/preferences";
import { setEmailPreferencesSchema } from "@/lib/validation/email";

export const GET = route({ role: "viewer" }, async ({ actor }) => json(await getEmailPreferences(actor)));

export const PUT = route({ role: "viewer", body: setEmailPreferencesSchema }, async ({ actor, body }) => json(await setEmailPreferences(actor, body)));
